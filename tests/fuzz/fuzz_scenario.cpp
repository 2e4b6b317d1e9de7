// libFuzzer target: the simulator's scenario reader (docs/fuzzing.md), includes of built-in scenarios included.
#include "sim/scenario/Scenario.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    rdsim::Scenario scenario;
    std::string error;
    (void)rdsim::parseScenario(text, "fuzz.yaml", &scenario, &error);
    std::string error2;
    (void)rdsim::yamlTextToJson(text, &error2);
    return 0;
}
