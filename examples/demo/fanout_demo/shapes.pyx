# cython: language_level=3
from fanout_demo.geometry cimport Point, dist2


def perimeter(points):
    cdef double total = 0
    cdef Point a, b
    for i in range(len(points)):
        a.x, a.y = points[i]
        b.x, b.y = points[(i + 1) % len(points)]
        total += dist2(a, b) ** 0.5
    return total


def demo():
    return perimeter([(0, 0), (4, 0), (4, 3)])
