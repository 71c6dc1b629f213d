/* A plain C extension module: cython-fanout compiles it directly, no Cython step. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *demo(PyObject *self, PyObject *args) {
    return PyUnicode_FromString("plain C module says hello");
}

static PyMethodDef methods[] = {
    {"demo", demo, METH_NOARGS, "Return a greeting."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "fanout_demo.cmod", NULL, -1, methods};

PyMODINIT_FUNC PyInit_cmod(void) { return PyModule_Create(&module); }
