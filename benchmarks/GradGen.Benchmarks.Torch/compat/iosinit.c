/*
 * std::ios_base_library_init() (GCC 13's libstdc++, GLIBCXX_3.4.32) as a no-op for older libstdc++.
 * GCC 13 moved the construction of std::cout & co. into that call; with GCC 12's libstdc++ the
 * standard streams are constructed by the static std::ios_base::Init objects of every translation
 * unit that includes <iostream> (libtorch has many), so there is nothing left to do.
 */
void _ZSt21ios_base_library_initv(void) {}
