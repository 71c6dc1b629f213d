/**
 * Run once with the chosen interpreter (`python -c`): asks Python's own build machinery what `setup.py build_ext`
 * would use, so the module we build is the one setuptools would build. Prints one JSON object on stdout.
 *
 * Unix: the compiler's attributes after customize_compiler (ARCHFLAGS applied on macOS); the linkers are what
 * link() itself would run, recorded instead of spawned (newer setuptools link C++ with compiler_cxx and its flags).
 * Windows: MSVCCompiler.initialize() runs vcvarsall; its INCLUDE/LIB become -I and /LIBPATH: options, its PATH the
 * compiler's PATH. `buildEnv` holds what setuptools adds to every compile and link (macOS: the deployment target).
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
    try:
        # get_libraries() asks which compiler links: MSVC takes pythonXY.lib from pyconfig.h's pragma, not from here.
        cmd.compiler = ccompiler.new_compiler()
    except Exception:
        pass
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

def recorded_linker(cc, target_lang):
    # link() may swap the program (C++ links with compiler_cxx) and applies macOS fixups: run it, record the argv.
    seen = []
    def record(cmd, *args, **kwargs):
        seen.append([str(c) for c in cmd])
    cc.spawn = record
    cc.call = record
    cc.mkpath = lambda *args, **kwargs: None
    cc._need_link = lambda *args: True
    cc.link_shared_object(["@obj@"], "@out@", target_lang=target_lang)
    argv = seen[-1]
    return argv[:argv.index("@obj@")]

def unix_compiler(mods):
    ccompiler, dsc = mods[0], mods[1]
    cc = ccompiler.new_compiler()
    dsc.customize_compiler(cc)
    cxx = list(getattr(cc, "compiler_cxx", None) or cc.compiler_so)
    facts = {
        "type": "unix",
        "compilerSo": list(cc.compiler_so),
        "compilerSoCxx": list(getattr(cc, "compiler_so_cxx", None) or cc.compiler_so),
        "linkerSo": list(cc.linker_so),
        "linkerSoCxx": list(getattr(cc, "linker_so_cxx", None) or [cxx[0]] + list(cc.linker_so[1:])),
        "objExtension": cc.obj_extension,
    }
    try:
        facts["linkerSo"] = recorded_linker(cc, "c")
        facts["linkerSoCxx"] = recorded_linker(cc, "c++")
    except Exception:
        pass  # Keep the attributes: what link() starts from.
    return facts

def class_and_instance(instance_dirs, class_dirs):
    # vcvars' INCLUDE/LIB: newer setuptools keep them on the class (added after the command's dirs), older on the instance.
    dirs = list(instance_dirs or [])
    return dirs + [d for d in (class_dirs or []) if d not in dirs]

def msvc_compiler(mods):
    ccompiler = mods[0]
    cc = ccompiler.new_compiler()
    cc.initialize()
    cls = type(cc)
    return {
        "type": "msvc",
        "cc": cc.cc,
        "linker": cc.linker,
        "compileOptions": list(cc.compile_options),
        "ldflagsShared": list(cc.ldflags_shared),
        "includeDirs": class_and_instance(cc.include_dirs, getattr(cls, "include_dirs", None)),
        "libraryDirs": class_and_instance(cc.library_dirs, getattr(cls, "library_dirs", None)),
        "path": getattr(cc, "_paths", None) or os.environ.get("PATH", ""),
        "objExtension": cc.obj_extension,
    }

def sysconfig_compiler():
    # Without setuptools (Python 3.12+ has no distutils): the same variables customize_compiler reads.
    if os.name == "nt":
        raise RuntimeError("setuptools is not installed: on Windows it is what finds MSVC (pip install setuptools)")
    v = dict(sysconfig.get_config_vars())
    if sys.platform == "darwin":
        import _osx_support
        _osx_support.customize_compiler(v)  # ARCHFLAGS, as distutils applies it
    cc, cxx = v.get("CC") or "cc", v.get("CXX") or "c++"
    cflags = " ".join(x for x in [v.get("CFLAGS"), v.get("CCSHARED")] if x)
    ldshared = (v.get("LDSHARED") or cc + " -shared").split()  # already holds the configured LDFLAGS
    return {
        "type": "unix",
        "compilerSo": (cc + " " + cflags).split(),
        "compilerSoCxx": (cxx + " " + cflags).split(),
        "linkerSo": ldshared,
        "linkerSoCxx": (v.get("LDCXXSHARED") or "").split() or cxx.split()[:1] + ldshared[1:],
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

def build_env():
    # setuptools runs every compile and link with the deployment target the interpreter was built for.
    if sys.platform != "darwin":
        return {}
    target = os.environ.get("MACOSX_DEPLOYMENT_TARGET") or sysconfig.get_config_var("MACOSX_DEPLOYMENT_TARGET")
    return {"MACOSX_DEPLOYMENT_TARGET": str(target)} if target else {}

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
    "buildEnv": build_env(),
    # Where Cython finds an installed package's .pxd (numpy's, scipy's): "" is the probe's own cwd, not an input.
    "sysPath": [os.path.abspath(p) for p in sys.path if p and os.path.isdir(p)],
}
print(json.dumps(facts))
`
