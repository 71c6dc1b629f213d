# distutils: libraries = m
# distutils: include_dirs = fanout_demo/include
# distutils: define_macros = DEMO_SCALE=3
# cython: language_level=3
cdef extern from "math.h":
    double hypot(double x, double y)

cdef extern from "demo_scale.h":
    double demo_scaled(double x)


def demo():
    return demo_scaled(hypot(3.0, 4.0))
