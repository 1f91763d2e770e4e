"""From the parsed packages to the ScanResult: which structs are models, their tables, diagnostics."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from tagscan import releases
from tagscan.errors import InputError
from tagscan.model import (
    Component, Diagnostic, Field, Index, Location, Model, OrmRelease, Registration, ScanResult, Suppression, Table,
)
from tagscan.releases import Rules
from tagscan.scanner import gomod, naming, shards, structtag
from tagscan.scanner.shards import Candidates, PackageScan
from tagscan.scanner.files import Discovery
from tagscan.scanner.models import (
    Flattened, Flattener, attributes_of, build_field, choose_tag_key, embed_records, without_excluded_embeds,
    field_ref, indexes_of, key_attribute, lookup_tag, naming_from_tags, type_params,
)
from tagscan.scanner.parse import ParsedFile, matches, unquote_or_none
from tagscan.scanner.providers import Providers, with_projections
from tagscan.scanner.registrations import Registrations, Site, may_call_orm
from tagscan.scanner.tablename import TableNames
from tagscan.scanner.types import NamedStruct, Scope, TypeResolver
from tagscan.scanner.workspace import Package, PackageFile, Progress, Workspace


@dataclass(frozen=True)
class Options:
    naming: str | None
    tag_key: str | None
    orm_version: str | None = None  # `--orm-version`: the release every model is read as


@dataclass(frozen=True)
class Prepared:
    """What building a struct takes whether or not other structs use it (most of the work)."""

    flattened: Flattened
    tag_key: str
    convention: str
    naming_source: str
    fields: list[Field]
    notes: list[Diagnostic]  # TS101
    orm: OrmRelease


class Assembler:
    """The scan of some packages of the workspace: a `shards.Shard` (all of them in a serial scan)."""

    def __init__(self, workspace: Workspace, options: Options, packages: list[Package], reported: frozenset[Path] | None) -> None:
        self.workspace = workspace
        self.options = options
        self.packages = packages
        self.reported = reported
        self.resolver = TypeResolver(workspace)
        self.flattener = Flattener(self.resolver, workspace.relative)
        self.table_names = TableNames(self.resolver)
        self.providers = Providers(self.table_names)
        self._candidates: list[NamedStruct] = []
        self._reported_files: list[tuple[Package, ParsedFile, list[NamedStruct]]] = []
        self._releases: dict[tuple[Path | None, frozenset[str]], OrmRelease] = {}  # by go.mod and ORM imports
        self._file_releases: dict[Path, OrmRelease] = {}  # asked per struct: by file

    def structs(self, package: Package, file: ParsedFile) -> list[NamedStruct]:
        where = PackageFile(package, file)
        return [
            NamedStruct(decl.name, decl, decl.type_node, where)
            for decl in file.types.values()
            if decl.type_node.type == "struct_type" and not decl.alias
        ]

    def candidates(self) -> Candidates:
        """Step 1: parse the files that can hold a model; their structs and what their fields use."""
        used: set[tuple[Path, str]] = set()
        embedded: set[tuple[Path, str, str]] = set()
        for package in self.packages:
            for file in self.workspace.model_files(package):
                structs = self.structs(package, file)
                self._candidates.extend(structs)
                if self.reported is None or file.path in self.reported:
                    self._reported_files.append((package, file, structs))
                for struct in structs:
                    self._collect_refs(struct, used, embedded)
        # made here, not kept: its pk check is a method of this object, and a cycle would outlive the scan
        registrations = Registrations(self.resolver, self._has_pk)
        sites = [site for package in self.packages for site in self._sites(package, registrations)]
        return Candidates(
            declared=frozenset((s.where.package.directory, s.name) for s in self._candidates),
            used=frozenset(used),
            embedded=frozenset(embedded),
            sites=tuple(sites),
            import_paths={p.import_path: p.directory for p in self.packages if p.import_path},
        )

    def _sites(self, package: Package, registrations: Registrations) -> Iterator[Site]:
        for path in package.files:
            source = self.workspace.source(path)
            if source is not None and may_call_orm(self.workspace.imported_paths(path)):
                file = self.workspace.parsed(package, path)
                if file is not None:
                    yield from registrations.sites(PackageFile(package, file))

    def _has_pk(self, struct: NamedStruct) -> bool:
        return any(f.pk and not f.skipped for f in self._prepare(struct).fields)

    def used_in_other_files(
        self, unused: dict[Path, set[str]], import_paths: dict[str, Path]
    ) -> tuple[frozenset[tuple[Path, str]], frozenset[tuple[Path, str, str]]]:
        """Step 2: of the candidates no candidate uses (`unused`, by package dir), those that a struct
        in a file not parsed up front refers to, and the ones it embeds. Such a file is parsed only if
        it mentions one of those names and is in their package or imports it."""
        used: set[tuple[Path, str]] = set()
        embedded: set[tuple[Path, str, str]] = set()

        @functools.cache
        def mention(directory: Path) -> re.Pattern[bytes]:  # compiled when a file may need it: it is slow
            return re.compile(rb"\b(?:" + b"|".join(re.escape(n.encode()) for n in sorted(unused[directory])) + rb")\b")

        for package, path, source in list(self.workspace.other_files(self.packages)):
            directories = {package.directory} | {import_paths[p] for p in self.workspace.imported_paths(path) & import_paths.keys()}
            if any(d in unused and mention(d).search(source) for d in directories):
                file = self.workspace.parsed(package, path)
                for struct in self.structs(package, file) if file is not None else []:
                    self._collect_refs(struct, used, embedded)
        return frozenset(used), frozenset(embedded)

    def build(
        self, used: frozenset[tuple[Path, str]], embedders: dict[tuple[Path, str], tuple[str, ...]],
        registered: dict[tuple[Path, str], Location],
    ) -> Iterator[PackageScan]:
        """Step 3: the reported files' structs as models and components, with the diagnostics found
        meanwhile, package by package."""
        for _, reported_files in itertools.groupby(self._reported_files, key=lambda reported: reported[0].directory):
            models: list[Model] = []
            components: list[Component] = []
            notes: list[Diagnostic] = []
            found_suppressions: list[Suppression] = []
            for package, file, structs in reported_files:
                found_suppressions.extend(suppressions(self.workspace, file, structs))
                for struct in structs:
                    prepared = self._prepare(struct)
                    notes.extend(prepared.notes)
                    target = (package.directory, struct.name)
                    built = self.build_struct(struct, prepared, target in used, embedders.get(target, ()), registered.get(target))
                    if isinstance(built, Model):
                        models.append(built)
                    elif built is not None:
                        components.append(built)
            found = self.workspace.take_diagnostics()
            yield PackageScan(tuple(models), tuple(components), tuple(found + notes), tuple(found_suppressions))
        found = self.workspace.take_diagnostics()
        if found:  # found where no file is reported
            yield PackageScan((), (), tuple(found), ())

    def _prepare(self, struct: NamedStruct) -> Prepared:
        orm = self.release(struct)
        flattened = self.flattener.flatten(struct)
        forced_key = self.options.tag_key or ("theorydb" if releases.is_tabletheory(orm.module) else None)
        tag_key = choose_tag_key(flattened, forced_key, self.module_tag_key(struct.where.package))
        orm = gomod.assumed_for_tags(orm, tag_key)
        rules = Rules.of(orm.rules)
        if rules.skips_excluded_embeds:
            flattened = without_excluded_embeds(flattened)
        convention, naming_source = self.convention(struct.where.package, flattened.top_level_tags, tag_key, rules)
        fields = [build_field(raw, tag_key, convention, rules)[0] for raw in flattened.fields]
        return Prepared(flattened, tag_key, convention, naming_source, fields, tag_diagnostics(self.workspace, struct), orm)

    def release(self, struct: NamedStruct) -> OrmRelease:
        """The ORM release of the struct's package: its go.mod, the ORM modules its file imports."""
        file = struct.where.file
        if file.path not in self._file_releases:
            package = struct.where.package
            imports = frozenset(path for path in file.imports.values() if "dynamorm" in path or "tabletheory" in path)
            key = (package.gomod.directory if package.gomod else None, imports)
            if key not in self._releases:
                contents = package.gomod.contents if package.gomod else None
                try:
                    self._releases[key] = gomod.release(contents, imports, self.options.orm_version)
                except ValueError as exc:
                    raise InputError(f"--orm-version: {exc}") from None
            self._file_releases[file.path] = self._releases[key]
        return self._file_releases[file.path]

    def _collect_refs(self, struct: NamedStruct, used: set[tuple[Path, str]], embedded: set[tuple[Path, str, str]]) -> None:
        """The named types the struct's fields refer to (`used`), and those it embeds (`embedded`; `*T`
        embeds T: no flattening, but its methods)."""
        file = struct.where.file
        for _, captures in matches("type_refs", struct.struct):
            if "embed" in captures:
                declarations = captures["embed"][0].parent
                if declarations is not None and declarations.parent == struct.struct:  # not a nested struct type's
                    target = self._named(struct, captures.get("embed.package", [None])[0], captures["embed.name"][0])
                    if target is not None:
                        embedded.add((*target, struct.name))
            elif "ref.qualified" in captures:
                target = self._named(struct, captures["ref.package"][0], captures["ref.name"][0])
                if target is not None:
                    used.add(target)
            elif getattr(captures["ref.local"][0].parent, "type", None) != "qualified_type":
                used.add((struct.where.package.directory, file.text(captures["ref.local"][0])))

    def _named(self, struct: NamedStruct, package_name: Node | None, name: Node) -> tuple[Path, str] | None:
        """The package directory and name of a type the struct's file names, `T` or `pkg.T` (None when
        `pkg` is not a package of the scanned tree)."""
        file = struct.where.file
        if package_name is None:
            return struct.where.package.directory, file.text(name)
        package = self.workspace.imported(file, struct.where.package, file.text(package_name))
        return (package.directory, file.text(name)) if package is not None else None

    def convention(self, package: Package, top_level_tags: list[str], tag_key: str, rules: Rules) -> tuple[str, str]:
        if self.options.naming:
            return self.options.naming, "flag"
        from_tag = naming_from_tags(top_level_tags, tag_key, rules)
        if from_tag is not None:
            return from_tag, "tag"
        gomod = package.gomod
        source = "go.mod" if gomod is not None and gomod.orm_module is not None else "default"
        return naming.default_convention(rules), source

    def module_tag_key(self, package: Package) -> str:
        gomod = package.gomod
        if gomod is not None and gomod.orm_module and "tabletheory" in gomod.orm_module:
            return "theorydb"
        return "dynamorm"

    def build_struct(
        self, struct: NamedStruct, prepared: Prepared, used: bool, embedders: tuple[str, ...], registered_at: Location | None
    ) -> Model | Component | None:
        """The struct as a model (a table pk or a TableName method, whoever else holds its type), as a
        component (ORM tags, but embedded by other structs and not a pk with a TableName of its own,
        or without a table pk and TableName), or neither. A tagged struct that is no model gets a
        TS007 note."""
        package = struct.where.package
        flattened, tag_key, convention, fields = prepared.flattened, prepared.tag_key, prepared.convention, prepared.fields
        live = [f for f in fields if not f.skipped]
        table_pk = next((f for f in live if f.pk), None)
        file = struct.where.file
        line, column = file.position(struct.decl.name_node)
        end_line = struct.decl.spec.end_point[0] + 1
        rel_file = self.workspace.relative(file.path)
        rel_dir = self.workspace.relative(package.directory) or "."
        # An embedded struct with a pk and a TableName of its own, or handed to the ORM, is a model
        # too; without a pk it only lends its fields or TableName to the structs that embed it.
        building_block = bool(embedders) and not (
            table_pk is not None and (registered_at is not None or self.table_names.has_own_table_name(struct)))
        table, has_method = (None, False) if building_block else self.table_names.table_ref(struct)
        if table is None or (table_pk is None and not has_method):
            tagged = any(f.tag is not None for f in fields) or any(lookup_tag(t, tag_key)[1] for t in flattened.top_level_tags)
            if not tagged:
                return None
            why = f"embedded by {_names(embedders)}" if building_block else "no pk and no TableName"
            self.workspace.add_diagnostic(Diagnostic(
                "TS007", "info", rel_file, line, column, f"{struct.name} has {tag_key} tags but is not a model: {why}"))
            return Component(
                name=struct.name, package=file.package, dir=rel_dir, file=rel_file, line=line, column=column,
                tag_key=tag_key, used=used, fields=tuple(fields), orm=prepared.orm, end_line=end_line,
            )
        self._diagnose_unresolved(fields)
        gomod = package.gomod
        rules = Rules.of(prepared.orm.rules)
        indexes = indexes_of(live, table_pk)
        last_flagged = _last_of_each(live)
        if rules.reads_projections:
            indexes = with_projections(indexes, self.providers.projections(struct))
        model = Model(
            name=struct.name, package=file.package, import_path=package.import_path, dir=rel_dir,
            file=rel_file, line=line, column=column, tag_key=tag_key, naming=convention,  # type: ignore[arg-type]
            naming_source=prepared.naming_source, table=table,
            partition_key=key_attribute(table_pk),
            sort_key=key_attribute(next((f for f in live if f.sk), None)),
            indexes=indexes,
            ttl=field_ref(last_flagged.get("ttl")), version=field_ref(last_flagged.get("version")),
            created_at=field_ref(last_flagged.get("created_at")), updated_at=field_ref(last_flagged.get("updated_at")),
            attributes=attributes_of(fields), fields=tuple(fields),
            embeds=embed_records(flattened.embeds, tag_key), type_params=type_params(struct),
            has_table_name_method=has_method, orm_version=gomod.orm_version if gomod else None,
            orm=prepared.orm, end_line=end_line, registered_at=registered_at,
            write_policy=self.providers.write_policy(struct) if rules.validates_write_policy else None,
        )
        for raw in flattened.embeds:
            if raw.embed.exported and not raw.embed.resolved and not raw.embed.pointer:
                self._info(raw.embed.location.file, raw.embed.location.line, raw.embed.location.column,
                           f"embedded type {raw.embed.type_name} is declared outside the scanned tree: "
                           "its fields (and any keys among them) are not known")
        return model

    def _diagnose_unresolved(self, fields: list[Field]) -> None:
        for field in fields:
            if "unknown" not in (field.go_type.kind, field.go_type.elem_kind):  # most fields: asked first
                continue
            if field.pk or field.sk or field.ttl or field.version or any(r.pk or r.sk for r in field.indexes):
                self._info(field.location.file, field.location.line, field.location.column,
                           f"the kind of type {field.go_type.expr} (field {field.name}) is unknown: it is declared "
                           "outside the scanned tree or is a type parameter; its key type is assumed to be S")

    def _info(self, file: str, line: int, column: int, message: str) -> None:
        self.workspace.add_diagnostic(Diagnostic("TS004", "info", file, line, column, message))


def _names(names: tuple[str, ...]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _last_of_each(fields: list[Field]) -> dict[str, Field]:
    """The last field flagged ttl, version, created_at and updated_at (the one the ORM keeps), by flag."""
    chosen = {}
    for field in fields:
        if field.ttl:
            chosen["ttl"] = field
        if field.version:
            chosen["version"] = field
        if field.created_at:
            chosen["created_at"] = field
        if field.updated_at:
            chosen["updated_at"] = field
    return chosen


check_tag = functools.lru_cache(maxsize=65536)(structtag.check)


def tag_diagnostics(workspace: Workspace, struct: NamedStruct) -> list[Diagnostic]:
    """TS101: go vet's structtag syntax check on every field tag of the struct."""
    found = []
    file = struct.where.file
    for declaration in struct.field_declarations:
        tag = declaration.child_by_field_name("tag")
        if tag is None:
            continue
        literal = file.text(tag)
        raw = unquote_or_none(literal)
        problem = check_tag(raw) if raw is not None else None
        if problem is not None:
            line, column = file.position(tag)
            message = f"struct field tag {literal} not compatible with reflect.StructTag.Get: {problem}"
            found.append(Diagnostic("TS101", "error", workspace.relative(file.path), line, column, message))
    return found


def suppressions(workspace: Workspace, file: ParsedFile, structs: list[NamedStruct]) -> list[Suppression]:
    type_lines: dict[int, str] = {}
    for struct in structs:
        spec_line = file.position(struct.decl.spec)[0]
        declaration: Node | None = struct.decl.spec.parent
        starts = {spec_line}
        if declaration is not None and declaration.type == "type_declaration" and len(declaration.named_children) == 1:
            starts.add(file.position(declaration)[0])
        for line in starts:
            type_lines[line] = struct.name
    found = []
    for comment in file.suppressions():
        struct_name = type_lines.get(comment.line) or type_lines.get(comment.line + 1)
        found.append(Suppression(workspace.relative(file.path), comment.line, comment.column, comment.rules, comment.reason, struct_name))
    return found


def tables_of(models: list[Model]) -> tuple[Table, ...]:
    """The tables: models grouped by their whole lookup (env chain and fallback, name or pattern)."""
    groups: dict[tuple, list[Model]] = {}
    for model in models:
        lookup = model.table.lookup() if model.table.source != "unresolved" else ("unresolved", model.name)
        groups.setdefault(lookup, []).append(model)
    keys = table_keys(groups)
    tables = []
    for lookup, members in sorted(groups.items(), key=lambda group: keys[group[0]]):
        first = members[0]
        indexes: dict[str, Index] = {}
        for model in members:
            for index in model.indexes:
                indexes.setdefault(index.name, index)
        tables.append(Table(
            key=keys[lookup], source=first.table.source, env=first.table.env,
            name=next((m.table.name for m in members if m.table.name), None),
            models=tuple(sorted(m.name for m in members)),
            partition_key=first.partition_key, sort_key=first.sort_key,
            indexes=tuple(indexes[name] for name in sorted(indexes)),
            ttl=next((m.ttl for m in members if m.ttl is not None), None),
            envs=first.table.envs, pattern=first.table.pattern,
        ))
    return tuple(tables)


def table_keys(groups: dict[tuple, list[Model]]) -> dict[tuple, str]:
    """Each lookup's Table.key: the models' table_key, with `|<fallback>` when lookups with
    different fallbacks read the same env vars (`|` alone: no fallback)."""
    plain = {lookup: members[0].table_key() for lookup, members in groups.items()}
    shared = {key for key in plain.values() if list(plain.values()).count(key) > 1}
    keys = {}
    for lookup, members in groups.items():
        ref = members[0].table
        keys[lookup] = plain[lookup] if plain[lookup] not in shared else f"{plain[lookup]}|{ref.name or ref.pattern or ''}"
    return keys


def assemble(
    discovery: Discovery, options: Options, include_tests: bool, progress: Progress | None = None, jobs: int = 1,
    keep: Callable[..., None] | None = None,
) -> ScanResult:
    """The scan, in `jobs` processes (0: as many as pay off) that each take some of the packages;
    `keep` is handed what was built on the way (see `scan`)."""
    workspace = Workspace(discovery.root, discovery.files, include_tests, progress, discovery.target)
    workspace.diagnose_unreadable(discovery.unreadable)
    workspace.read_scanned()
    unreadable = workspace.take_diagnostics()
    reported = None if discovery.reported is None else frozenset(discovery.reported)
    groups = shards.package_groups(workspace, jobs)

    def assembler(packages: list[Package]) -> Assembler:
        return Assembler(workspace, options, packages, reported)

    with shards.started(groups, assembler) as running:
        found = running.candidates()
        used = frozenset().union(*(c.used for c in found))
        embedded = set().union(*(c.embedded for c in found))
        unused: dict[Path, set[str]] = {}
        for directory, name in frozenset().union(*(c.declared for c in found)) - used:
            unused.setdefault(directory, set()).add(name)
        import_paths = {path: d for c in found for path, d in c.import_paths.items() if d in unused}
        used_elsewhere = running.used_in_other_files(unused, import_paths)
        for other_used, other_embedded in used_elsewhere:
            used |= other_used
            embedded |= other_embedded
        embedders: dict[tuple[Path, str], tuple[str, ...]] = {}
        for directory, name, embedder in sorted(embedded):
            embedders[directory, name] = (*embedders.get((directory, name), ()), embedder)
        sites = sorted((site for c in found for site in c.sites), key=lambda s: (s.location.file, s.location.line, s.location.column))
        registered: dict[tuple[Path, str], Location] = {}
        for site in sites:
            if site.target is not None:
                registered.setdefault(site.target, site.location)
        parts = running.build(used, embedders, registered)
    models = sorted((m for part in parts for m in part.models), key=lambda m: (m.file, m.line, m.column))
    result = ScanResult(
        root=str(discovery.root), models=tuple(models), tables=tables_of(models),
        components=tuple(sorted((c for part in parts for c in part.components), key=lambda c: (c.file, c.line, c.column))),
        diagnostics=_reported_diagnostics(workspace, discovery, unreadable + [d for part in parts for d in part.diagnostics]),
        suppressions=tuple(sorted((s for part in parts for s in part.suppressions), key=lambda s: (s.file, s.line, s.column))),
        files_scanned=len(discovery.files),
        registrations=registrations(workspace, discovery, sites, models),
    )
    if keep is not None:
        keep(workspace, running)
    return result


def registrations(workspace: Workspace, discovery: Discovery, sites: list[Site], models: list[Model]) -> tuple[Registration, ...]:
    """The ORM calls of the reported files, each with the model it registers."""
    reported = None if discovery.reported is None else {workspace.relative(p) for p in discovery.reported}
    model_names = {(m.dir, m.name) for m in models}
    found = []
    for site in sites:
        if reported is not None and site.location.file not in reported:
            continue
        target = (workspace.relative(site.target[0]) or ".", site.target[1]) if site.target is not None else None
        model = target[1] if target is not None and target in model_names else None
        found.append(Registration(call=site.call, type=site.type, location=site.location, model=model, refusal=site.refusal))
    return tuple(found)


def _reported_diagnostics(workspace: Workspace, discovery: Discovery, found: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Diagnostics of the reported files, once each, sorted; shards may find the same one twice, and
    one place gets one TS004 note (the least message, whichever shard found it first)."""
    reported = None if discovery.reported is None else {workspace.relative(p) for p in discovery.reported}
    every = [d for d in found if reported is None or d.file in reported or d.rule == "TS004"]
    unique: dict[tuple, Diagnostic] = {}
    for d in sorted(every, key=lambda d: (d.file, d.line, d.column, d.rule, d.message)):
        unique.setdefault((d.file, d.line, d.column, d.rule, d.message if d.rule != "TS004" else ""), d)
    return tuple(unique.values())
