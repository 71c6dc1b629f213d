/**
 * Run once with the chosen interpreter (`python -c`): asks Python's own build machinery what `setup.py build_ext`
 * would use, so the module we build is the one setuptools would build. Prints one JSON object on stdout.
 */
export const TOOLCHAIN_QUERY = String.raw`
import json, os, platform, shutil, sys, sysconfig

def cython_facts():
    try:
        import Cython
        return {"version": Cython.__version__, "error": None}
    except Exception as e:
        return {"version": None, "error": "%s: %s" % (type(e).__name__, e)}

def distutils_modules():
    # Importing setuptools first makes "distutils" its own copy, as build_ext would see it.
    try:
        import setuptools  # noqa: F401
    except Exception:
        pass
    try:
        from distutils import ccompiler, sysconfig as dsc
        from distutils.command import build_ext
        from distutils.dist import Distribution
        return ccompiler, dsc, build_ext, Distribution, "setuptools" if "setuptools" in sys.modules else "distutils"
    except Exception:
        return None

def build_ext_facts(mods):
    ccompiler, dsc, build_ext, Distribution, source = mods
    cmd = build_ext.build_ext(Distribution({"name": "probe"}))
    cmd.finalize_options()
    class Ext:
        libraries = []
        name = "probe"
    return {
        "includeDirs": list(cmd.include_dirs or []),
        "libraryDirs": list(cmd.library_dirs or []),
        "rpath": list(cmd.rpath or []),
        "libraries": list(cmd.get_libraries(Ext()) or []),
        "source": source,
    }

def unix_compiler(mods):
    ccompiler, dsc = mods[0], mods[1]
    cc = ccompiler.new_compiler()
    dsc.customize_compiler(cc)
    cxx = list(getattr(cc, "compiler_cxx", None) or cc.compiler_so)
    linker_cxx = getattr(cc, "linker_so_cxx", None)
    if not linker_cxx:
        # Older distutils link C++ with linker_so whose program is replaced by the C++ compiler.
        linker_cxx = [cxx[0]] + list(cc.linker_so[1:])
    return {
        "type": "unix",
        "compilerSo": list(cc.compiler_so),
        "compilerSoCxx": list(getattr(cc, "compiler_so_cxx", None) or cc.compiler_so),
        "linkerSo": list(cc.linker_so),
        "linkerSoCxx": list(linker_cxx),
        "objExtension": cc.obj_extension,
    }

def msvc_compiler(mods):
    ccompiler = mods[0]
    cc = ccompiler.new_compiler()
    cc.initialize()
    return {
        "type": "msvc",
        "cc": cc.cc,
        "linker": cc.linker,
        "compileOptions": list(cc.compile_options),
        "ldflagsShared": list(getattr(cc, "ldflags_shared", [])),
        "includeDirs": list(cc.include_dirs),
        "libraryDirs": list(cc.library_dirs),
        "path": getattr(cc, "_paths", None) or os.environ.get("PATH", ""),
        "objExtension": cc.obj_extension,
    }

def sysconfig_compiler():
    # Without setuptools (Python 3.12+ has no distutils): the same variables customize_compiler reads.
    v = sysconfig.get_config_var
    cflags = " ".join(x for x in [v("CFLAGS"), v("CCSHARED")] if x)
    return {
        "type": "unix",
        "compilerSo": ((v("CC") or "cc") + " " + cflags).split(),
        "compilerSoCxx": ((v("CC") or "cc") + " " + cflags).split(),
        "linkerSo": ((v("LDSHARED") or "cc -shared") + " " + (v("LDFLAGS") or "")).split(),
        "linkerSoCxx": ((v("CXX") or "c++").split()[:1] + ((v("LDSHARED") or "cc -shared") + " " + (v("LDFLAGS") or "")).split()[1:]),
        "objExtension": ".o",
    }

def compiler_facts(mods):
    try:
        if mods is None:
            return sysconfig_compiler()
        if os.name == "nt":
            return msvc_compiler(mods)
        return unix_compiler(mods)
    except Exception as e:
        return {"type": "error", "error": "%s: %s" % (type(e).__name__, e)}

paths = sysconfig.get_paths()
include = paths.get("include") or ""
mods = distutils_modules()
facts = {
    "executable": sys.executable,
    "version": platform.python_version(),
    "implementation": sys.implementation.name,
    "cacheTag": sys.implementation.cache_tag,
    "extSuffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "soabi": sysconfig.get_config_var("SOABI"),
    "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    "platform": sys.platform,
    "machine": platform.machine(),
    "sysconfigPlatform": sysconfig.get_platform(),
    "pythonInclude": include,
    "pythonHeaderFound": os.path.exists(os.path.join(include, "Python.h")),
    "cython": cython_facts(),
    "buildExt": build_ext_facts(mods) if mods else {"includeDirs": [include] + ([paths["platinclude"]] if paths.get("platinclude") != include else []), "libraryDirs": [], "rpath": [], "libraries": [], "source": "sysconfig"},
    "compiler": compiler_facts(mods),
    "archflags": os.environ.get("ARCHFLAGS"),
}
print(json.dumps(facts))
`
