# cython: language_level=3
from fanout_demo.geometry cimport Point, dist2


def demo():
    cdef Point origin = Point(0, 0)
    cdef Point p = Point(6, 8)
    return "sub.nested: %.1f" % dist2(origin, p) ** 0.5
