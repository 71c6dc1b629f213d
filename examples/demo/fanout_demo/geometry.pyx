# cython: language_level=3
cdef double dist2(Point a, Point b) nogil:
    return (a.x - b.x) ** 2 + (a.y - b.y) ** 2


def demo():
    cdef Point a = Point(0, 0)
    cdef Point b = Point(3, 4)
    return dist2(a, b) ** 0.5
