"""The end of a synth process: its jsii kernel (Node) stopped at once, without a graceful exit."""

from __future__ import annotations

import atexit


def stop_kernel() -> None:
    """Terminate the jsii kernel of this process; call it once the cloud assembly is in place and
    nothing more is asked of the CDK, in a process that is about to exit.

    The cloud assembly is complete when ``app.synth()`` returns. jsii would then stop Node at
    interpreter exit and wait for it, and Node, before it exits, waits for V8 to finish compiling
    the CloudFormation validation engine's WebAssembly again, optimized, in the background: most of
    a second, for code nothing runs any more. SIGTERM ends it at once (the jsii
    runtime passes the signal to its kernel process and exits); jsii's own stop then finds the
    process ended and its input closed, and only closes the pipes and removes its temporary files.

    Best effort: this reaches into jsii's private attributes. When one is missing (another jsii)
    or a step fails, jsii's own shutdown runs instead, now, as it would at exit: slower, with the
    same assembly, output and exit code. It runs now because the ``tagscan`` command ends with
    ``os._exit``, where no exit handler would.
    """
    try:
        from jsii._kernel import Kernel  # jsii 1.x, as aws-cdk-lib 2.275 brings it

        runtime = Kernel().provider._process  # type: ignore[attr-defined]  # jsii's handle on the Node runtime
        node = runtime._process  # its subprocess.Popen
        stop = runtime.stop
        # Everything is looked up before anything is stopped: a missing attribute changes nothing.
        node.terminate()
        node.wait()
        node.stdin.close()  # nothing is buffered: jsii flushes every request
        stop()
    except Exception:  # any jsii that differs from the one this was written for
        atexit._run_exitfuncs()  # jsii's stop is registered there
