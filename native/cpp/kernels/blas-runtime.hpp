// What the linked OpenBLAS reports about itself, and its thread count.
#pragma once
#include <string>

namespace recur {

std::string blasCoreName();
std::string blasConfig();
int blasNumThreads();
void setBlasNumThreads(int threads);

}  // namespace recur
