// The components every Simulator starts with. Order matters for scenario loading: the first
// component whose loadScenario() handles the name wins, so richer scenario providers go first.
#include "DemoComponent.h"
#include "scenario/SeedScenario.h"
#include "Simulator.h"

namespace rdsim {

std::vector<std::unique_ptr<Component>> makeBuiltinComponents()
{
    std::vector<std::unique_ptr<Component>> out;
    out.push_back(std::make_unique<DemoComponent>()); // demo scenarios + controller, /metrics, Argo CD
    out.push_back(std::make_unique<SeedComponent>());
    return out;
}

} // namespace rdsim
