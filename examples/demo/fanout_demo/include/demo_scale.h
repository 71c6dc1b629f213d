#ifndef DEMO_SCALE
#error "DEMO_SCALE must come from the # distutils: define_macros line"
#endif
static inline double demo_scaled(double x) { return x * DEMO_SCALE; }
