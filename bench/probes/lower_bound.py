"""Serial per-module times, measured one module at a time in one process (Cython imported once, as a long-lived
worker would): Cython via cythonize() and the C/C++ compile + link via setuptools' own build_ext, so the flags are
exactly the ones `setup.py build_ext` uses.  usage: lower_bound.py ROOT MANIFEST OUT_JSON"""
import json, os, sys, tempfile, time

root, manifest, out = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
os.chdir(root)
sys.path.insert(0, root)
import setuptools  # noqa: F401  (makes "distutils" setuptools' copy, as build_ext sees it)
from setuptools import Extension
from setuptools.dist import Distribution
from setuptools.command.build_ext import build_ext
from Cython.Build import cythonize

def cython_step(m):
    lang = {'language': 'c++'} if m['language'] == 'c++' else {}
    ext = Extension(m['name'], [m['source']], **lang)
    t0 = time.perf_counter()
    [cext] = cythonize([ext], force=True, quiet=True, compiler_directives={'language_level': 3})
    return cext, time.perf_counter() - t0

def compile_step(cext, temp):
    cmd = build_ext(Distribution({'name': 'lowerbound', 'ext_modules': [cext]}))
    cmd.inplace, cmd.force, cmd.build_temp = 1, 1, temp
    cmd.ensure_finalized()
    t0 = time.perf_counter()
    cmd.run()
    return time.perf_counter() - t0

rows = []
with tempfile.TemporaryDirectory() as temp:
    for m in json.load(open(manifest))['modules']:
        cext, cython_s = cython_step(m)
        rows.append({'name': m['name'], 'cython': cython_s, 'compile': compile_step(cext, temp)})
with open(out, 'w') as f:
    json.dump(rows, f, indent=1)
