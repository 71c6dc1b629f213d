/**
 * Run with the chosen interpreter as `python - SETUP_PY`: runs the project's setup.py the way a build would (its
 * directory as cwd, `sys.argv = [setup.py, build_ext, --inplace]`, `__name__ == "__main__"`), but setup() and
 * cythonize() only record what they were given. cythonize's globs and `# distutils:` merging (the module's own lines
 * and its cimported .pxd files') are Cython's own create_extension_list, so names and flags are exactly cythonize's.
 * setup.py's prints (and its child processes') go to stderr; one JSON object goes to stdout at the end.
 */
export const SETUP_PY_QUERY = String.raw`
import json, os, runpy, sys

LISTS = ["include_dirs", "libraries", "library_dirs", "runtime_library_dirs", "extra_objects",
         "extra_compile_args", "extra_link_args", "undef_macros", "depends"]
state = {"setup": None, "warnings": []}
# What setuptools' compiler reads from the environment: a setup.py that changes it changes the build (pydantic sets CFLAGS).
BUILD_ENV = ["CC", "CXX", "CFLAGS", "CPPFLAGS", "CXXFLAGS", "LDFLAGS", "LDSHARED", "ARCHFLAGS"]

def warn(text):
    if text not in state["warnings"]:
        state["warnings"].append(text)

def fake_setup(*args, **attrs):
    state["setup"] = attrs

def make_context(c_options):
    try:
        return c_options.create_context()  # Cython 0.29
    except AttributeError:
        from Cython.Compiler.Main import Context
        return Context.from_options(c_options)  # Cython 3

def directive_defaults():
    try:
        from Cython.Compiler import Options
        return Options.get_directive_defaults() if hasattr(Options, "get_directive_defaults") else Options.directive_defaults
    except ImportError:
        return {}

def changed_defaults():
    # Some setup.py files (cytoolz's) set Options.directive_defaults instead of compiler_directives: Cython runs in
    # another process here, so carry the changes over as directives.
    now = directive_defaults()
    return {k: v for k, v in now.items() if k not in state["defaults"] or state["defaults"][k] != v}

def cython_options(options):
    recorded = {
        "directives": dict(changed_defaults(), **dict(options.get("compiler_directives") or {})),
        "include_path": [str(p) for p in options.get("include_path") or []],
        "language_level": options.get("language_level"),
    }
    for ignored in ("build_dir", "compile_time_env", "common_utility_include_dir"):
        if options.get(ignored):
            warn("cythonize(%s=...) is not supported and was ignored" % ignored)
    return recorded

def fake_cythonize(module_list, exclude=None, nthreads=0, aliases=None, quiet=False, force=False, language=None,
                   exclude_failures=False, **options):
    from Cython.Build import Dependencies
    from Cython.Compiler.Main import CompilationOptions
    options.pop("depfile", None)
    recorded = cython_options(options)
    options.setdefault("include_path", ["."])
    ctx = make_context(CompilationOptions(**options))
    modules, _ = Dependencies.create_extension_list(module_list, exclude=exclude, ctx=ctx, aliases=aliases,
                                                    quiet=quiet, language=language, exclude_failures=exclude_failures)
    for m in modules:
        m._cython_fanout = recorded
        m.optional = m.optional or optional_template(m, module_list)
    return modules

def optional_template(module, patterns):
    # cythonize copies only the distutils fields of an Extension it expands: optional= would be lost.
    import fnmatch
    for p in patterns if isinstance(patterns, (list, tuple)) else [patterns]:
        if not getattr(p, "optional", False):
            continue
        if p.name == module.name or any(fnmatch.fnmatch(module.sources[0], s) for s in p.sources if is_cython(s)):
            return True
    return False

def install_hooks():
    state["defaults"] = dict(directive_defaults())
    try:
        import setuptools
        setuptools.setup = fake_setup
    except ImportError:
        pass
    try:
        import distutils.core
        distutils.core.setup = fake_setup
    except ImportError:
        pass
    try:
        import Cython.Build
        import Cython.Build.Dependencies
        Cython.Build.cythonize = Cython.Build.Dependencies.cythonize = fake_cythonize
    except ImportError:
        pass

def is_cython(source):
    return os.path.splitext(source)[1] in (".pyx", ".py")

def through_cython(ext):
    # An Extension with a .pyx that did not pass through cythonize(): build_ext cythonizes it, merging the same way.
    if hasattr(ext, "_cython_fanout") or not any(is_cython(s) for s in ext.sources):
        return [ext]
    recorded = {"directives": dict(getattr(ext, "cython_directives", None) or {}),
                "include_path": list(getattr(ext, "cython_include_dirs", None) or []), "language_level": None}
    return fake_cythonize([ext], include_path=["."] + recorded["include_path"], compiler_directives=recorded["directives"])

def through_build_ext(attrs, exts):
    # A custom build_ext (cmdclass) may add include dirs in run() or flags in build_extensions() (hdbscan adds
    # numpy's headers, murmurhash -O3): run it with the compile itself (and Cython, and other commands) recorded.
    custom = (attrs.get("cmdclass") or {}).get("build_ext")
    if custom is None or not exts:
        return exts
    try:
        try:
            from setuptools.dist import Distribution
        except ImportError:
            from distutils.dist import Distribution
        keep = ("name", "cmdclass", "package_dir", "packages", "include_dirs")
        dist = Distribution({k: v for k, v in attrs.items() if k in keep})
        dist.ext_modules = exts
        cmd = custom(dist)
        cmd.ensure_finalized()
        before = list(cmd.include_dirs or [])
        seen = []
        cmd.build_extension = lambda ext: seen.append(ext)
        cmd.cython_sources = lambda sources, ext=None: sources
        cmd.run_command = lambda name: None
        cmd.copy_extensions_to_source = lambda: None
        cmd.inplace = 0
        cmd.run()
    except Exception as e:
        warn("the custom build_ext %s could not be run to see what it adds (%s: %s); its own changes are not applied" % (custom.__name__, type(e).__name__, e))
        return exts
    added = [d for d in (cmd.include_dirs or []) if d not in before]
    for ext in seen:
        ext.include_dirs = list(ext.include_dirs or []) + [d for d in added if d not in (ext.include_dirs or [])]
    return seen or exts

def package_dir_of(package, package_dir):
    # build_py.get_package_dir: where build_ext --inplace puts a module of this package.
    parts = package.split(".") if package else []
    if not package_dir:
        return os.path.join(*parts) if parts else ""
    tail = []
    while parts:
        if ".".join(parts) in package_dir:
            tail.insert(0, package_dir[".".join(parts)])
            return os.path.join(*tail)
        tail.insert(0, parts[-1])
        del parts[-1]
    if package_dir.get("") is not None:
        tail.insert(0, package_dir[""])
    return os.path.join(*tail) if tail else ""

def describe(ext, package_dir):
    d = {name: [str(v) for v in (getattr(ext, name, None) or [])] for name in LISTS}
    d["name"] = ext.name
    d["sources"] = [str(s) for s in ext.sources]
    d["language"] = getattr(ext, "language", None) or None
    d["define_macros"] = [[str(m[0]), None if len(m) < 2 or m[1] is None else str(m[1])] for m in (ext.define_macros or [])]
    d["optional"] = bool(getattr(ext, "optional", None))
    d["cython"] = getattr(ext, "_cython_fanout", None)
    d["package_dir"] = package_dir_of(ext.name.rpartition(".")[0], package_dir)
    return d

def main():
    setup_py = os.path.abspath(sys.argv[1])
    out = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    os.chdir(os.path.dirname(setup_py))
    sys.path.insert(0, os.path.dirname(setup_py))
    sys.argv = [setup_py, "build_ext", "--inplace"]
    install_hooks()
    env_before = {k: os.environ.get(k) for k in BUILD_ENV}
    try:
        runpy.run_path(setup_py, run_name="__main__")
    except SystemExit as e:
        if state["setup"] is None and e.code not in (None, 0):
            raise
    sys.stderr.flush()
    for k in BUILD_ENV:
        if os.environ.get(k) != env_before[k]:
            warn("setup.py sets %s=%r while it runs, which this build does not see: pass it through compile-args, link-args or the environment" % (k, os.environ.get(k)))
    if state["setup"] is None:
        out.write(json.dumps({"error": "it never called setup() (from setuptools or distutils.core)"}) + "\n")
        return
    attrs = state["setup"]
    package_dir = dict(attrs.get("package_dir") or {})
    exts = through_build_ext(attrs, [e for ext in (attrs.get("ext_modules") or []) for e in through_cython(ext)])
    out.write(json.dumps({"extensions": [describe(e, package_dir) for e in exts], "warnings": state["warnings"]}) + "\n")
    out.flush()

main()
`
