#include "catalog/vocab.hpp"
#include "cli/common.hpp"

#include <ostream>

namespace ernte::cli {

namespace {

class CheckConfigCommand final : public Command {
public:
    std::string_view name() const override { return "check-config"; }
    std::string_view synopsis() const override {
        return "validate the configuration and the vocabularies, print the resolved configuration";
    }
    void setup(CLI::App& app) override { app.description(std::string(synopsis())); }
    int run(const Context& context) override {
        const harvester::Config config = load_config(context);
        const catalog::Vocabularies vocab = catalog::Vocabularies::load(config.vocabularies);
        *context.out << "# " << config.file.string() << ": valid, " << config.sources.size()
                     << " source(s); vocabularies " << vocab.fingerprint().substr(0, 12) << "\n"
                     << harvester::to_yaml(config);
        return exit_ok;
    }
};

}  // namespace

std::unique_ptr<Command> make_check_config_command() { return std::make_unique<CheckConfigCommand>(); }

}  // namespace ernte::cli
