"""The end of a synth process: its jsii kernel (Node) stopped at once, without a graceful exit."""

from __future__ import annotations


def stop_kernel() -> None:
    """Terminate the jsii kernel of this process; call it once ``app.synth()`` has returned and
    nothing more is asked of the CDK, in a process that is about to exit.

    The cloud assembly is complete when ``app.synth()`` returns. jsii would then stop Node at
    interpreter exit and wait for it, and Node, before it exits, waits for V8 to finish compiling
    the CloudFormation validation engine's WebAssembly again, optimized, in the background: about
    0.9 s of a 50-table synth, for code nothing runs any more. SIGTERM ends it at once (the jsii
    runtime passes the signal to its kernel process and exits); jsii's own stop then finds the
    process ended and its input closed, and only closes the pipes and removes its temporary files.
    """
    from jsii._kernel import Kernel  # jsii 1.x, as aws-cdk-lib 2.275.0 brings it

    runtime = Kernel().provider._process  # type: ignore[attr-defined]  # jsii's handle on the Node runtime
    node = runtime._process  # its subprocess.Popen
    node.terminate()
    node.wait()
    node.stdin.close()  # nothing is buffered: jsii flushes every request
    runtime.stop()
