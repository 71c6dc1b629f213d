cdef struct Point:
    double x
    double y

cdef double dist2(Point a, Point b) nogil
