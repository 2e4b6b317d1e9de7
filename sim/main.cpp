// rolldeck-sim: the embedded demo cluster as a stand-alone loopback server.
#include <cstdio>

int main()
{
    std::fputs("rolldeck-sim: not built yet\n", stderr);
    return 1;
}
