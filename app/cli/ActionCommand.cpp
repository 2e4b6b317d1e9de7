#include "ActionCommand.h"

#include "Command.h"

#include "actions/ActionService.h"
#include "actions/ClusterRoute.h"
#include "models/argo/Rollout.h"
#include "audit/AuditLog.h"
#include "kube/ClusterConnection.h"
#include "kube/Kubeconfig.h"
#include "kube/KubeconfigCredentials.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceScope.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>

#include <memory>
#include <optional>

#include <unistd.h>

namespace rolldeck {

namespace {

struct ActionText
{
    Q_DECLARE_TR_FUNCTIONS(ActionCommand)
};

QString readLine(FILE *in)
{
    char buffer[1024];
    if (!std::fgets(buffer, sizeof buffer, in))
        return {};
    return QString::fromLocal8Bit(buffer).trimmed();
}

struct Parsed
{
    actions::ActionRequest request;
    QString kubeconfig;
    QString workspace;
    QString auditDir;
    bool yes = false;
    int timeoutSeconds = 30;
};

// Parses the command line into a request (without the decision state); nullopt after writing the error.
std::optional<Parsed> parse(const QString &verb, const QStringList &arguments, const CommandIo &io, int *exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        ActionText::tr("%1 a rollout, with policy, decision check and audit record.").arg(verb));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("target"), ActionText::tr("The rollout: NAMESPACE/NAME."));
    const QCommandLineOption contextOpt(QStringLiteral("context"), ActionText::tr("The kubeconfig context."),
                                        QStringLiteral("C"));
    const QCommandLineOption kubeconfigOpt(QStringLiteral("kubeconfig"), ActionText::tr("The kubeconfig file."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption workspaceOpt(QStringLiteral("workspace"),
                                          ActionText::tr("The workspace file (environments and their policy)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption fullOpt(QStringLiteral("full"), ActionText::tr("promote: skip every remaining step."));
    const QCommandLineOption revisionOpt(
        QStringLiteral("to-revision"), ActionText::tr("undo: the revision to go back to (default: the previous one)."),
        QStringLiteral("N"));
    const QCommandLineOption reasonOpt(QStringLiteral("reason"), ActionText::tr("Why (recorded in the audit log)."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption confirmOpt(QStringLiteral("confirm"),
                                        ActionText::tr("The rollout's name, where the policy asks for it typed."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption yesOpt(QStringLiteral("yes"), ActionText::tr("Do not ask."));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
                                        ActionText::tr("Seconds to wait for each answer of the server."),
                                        QStringLiteral("S"), QStringLiteral("30"));
    const QCommandLineOption auditOpt(QStringLiteral("audit-dir"), ActionText::tr("The audit log's directory."),
                                      QStringLiteral("DIR"));
    parser.addOptions({contextOpt, kubeconfigOpt, workspaceOpt, fullOpt, revisionOpt, reasonOpt, confirmOpt, yesOpt,
                       timeoutOpt, auditOpt});
    QStringList argv = arguments;
    argv.prepend(QStringLiteral("rolldeck ") + verb);
    *exitCode = ActionCommand::BadInput;
    if (!parser.parse(argv)) {
        io.err(parser.errorText() + QLatin1Char('\n'));
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        io.out(parser.helpText());
        *exitCode = ActionCommand::Done;
        return std::nullopt;
    }
    const QStringList positional = parser.positionalArguments();
    const QStringList target = positional.value(0).split(QLatin1Char('/'));
    if (positional.size() != 1 || target.size() != 2 || target.contains(QString())) {
        io.err(ActionText::tr("rolldeck %1: name one rollout as NAMESPACE/NAME\n").arg(verb));
        return std::nullopt;
    }
    Parsed p;
    p.request.verb = *actions::verbFromName(verb);
    p.request.target.ns = target.at(0);
    p.request.target.name = target.at(1);
    p.request.target.context = parser.value(contextOpt);
    if (parser.isSet(fullOpt) && p.request.verb != actions::Verb::Promote) {
        io.err(ActionText::tr("rolldeck %1: --full is for promote\n").arg(verb));
        return std::nullopt;
    }
    p.request.options.full = parser.isSet(fullOpt);
    if (parser.isSet(revisionOpt)) {
        bool ok = false;
        p.request.options.toRevision = parser.value(revisionOpt).toInt(&ok);
        if (p.request.verb != actions::Verb::Undo || !ok || p.request.options.toRevision < 0) {
            io.err(ActionText::tr("rolldeck %1: --to-revision takes a revision number and is for undo\n").arg(verb));
            return std::nullopt;
        }
    }
    if (!parser.isSet(reasonOpt) || parser.value(reasonOpt).trimmed().isEmpty()) {
        io.err(ActionText::tr("rolldeck %1: --reason TEXT is required (it goes into the audit log)\n").arg(verb));
        return std::nullopt;
    }
    p.request.reason = parser.value(reasonOpt);
    p.request.typedName = parser.value(confirmOpt);
    bool ok = false;
    p.timeoutSeconds = parser.value(timeoutOpt).toInt(&ok);
    if (!ok || p.timeoutSeconds <= 0) {
        io.err(ActionText::tr("rolldeck %1: --timeout needs a positive number of seconds\n").arg(verb));
        return std::nullopt;
    }
    p.kubeconfig = parser.value(kubeconfigOpt);
    p.workspace = parser.value(workspaceOpt);
    p.auditDir = parser.value(auditOpt);
    p.yes = parser.isSet(yesOpt);
    return p;
}

QString outcomeLine(const actions::ActionResult &r)
{
    switch (r.outcome) {
    case actions::ActionResult::Outcome::Applied:
        return r.noop ? ActionText::tr("nothing to do: %1").arg(r.message) : ActionText::tr("applied");
    case actions::ActionResult::Outcome::Refused:
        return ActionText::tr("refused (%1): %2").arg(r.refusalName(), r.message);
    case actions::ActionResult::Outcome::Failed:
        return ActionText::tr("failed: %1").arg(r.message);
    case actions::ActionResult::Outcome::Unknown:
        return ActionText::tr("OUTCOME UNKNOWN: %1. Check the rollout; `rolldeck audit verify` lists it until it "
                              "is acknowledged.")
            .arg(r.message);
    }
    return {};
}

} // namespace

int ActionCommand::promote(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("promote"), arguments, io);
}

int ActionCommand::abort(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("abort"), arguments, io);
}

int ActionCommand::retry(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("retry"), arguments, io);
}

int ActionCommand::undo(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("undo"), arguments, io);
}

int ActionCommand::restart(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("restart"), arguments, io);
}

int ActionCommand::pause(const QStringList &arguments, const CommandIo &io)
{
    return run(QStringLiteral("pause"), arguments, io);
}

int ActionCommand::run(const QString &verb, const QStringList &arguments, const CommandIo &io)
{
    int exitCode = BadInput;
    std::optional<Parsed> parsed = parse(verb, arguments, io, &exitCode);
    if (!parsed)
        return exitCode;
    actions::ActionRequest &request = parsed->request;
    QLoggingCategory::setFilterRules(QStringLiteral("rolldeck.kube.debug=false\nrolldeck.kube.info=false"));

    const kube::Kubeconfig kubeconfig = kube::loadKubeconfig(parsed->kubeconfig);
    if (request.target.context.isEmpty())
        request.target.context = kubeconfig.currentContext;
    const kube::ClusterConfig *config = kubeconfig.context(request.target.context);
    if (!config) {
        io.err(ActionText::tr("rolldeck %1: context \"%2\" is not in the kubeconfig (or is unusable)\n")
                   .arg(verb, request.target.context));
        return BadInput;
    }
    // Without a workspace file every context is an environment of all its namespaces, with the default policy
    // (docs/workspace.md); with one, a namespace outside every environment gets the cautious policy.
    const bool hasWorkspace = !parsed->workspace.isEmpty() || QFileInfo::exists(defaultWorkspacePath());
    const Result<Workspace> workspace = workspaceFor(parsed->workspace, kubeconfig);
    if (!workspace) {
        io.err(workspace.error() + QLatin1Char('\n'));
        return BadInput;
    }
    const WorkspaceScope scope =
        hasWorkspace ? WorkspaceScope(*workspace, kubeconfig) : WorkspaceScope::wholeContexts(kubeconfig);
    auto credentials = kube::KubeconfigCredentials::create(*config);
    if (!credentials) {
        io.err(ActionText::tr("rolldeck %1: %2\n").arg(verb, credentials.error()));
        return BadInput;
    }
    kube::ConnectionOptions options = kube::ConnectionOptions::headless();
    options.client.requestTimeoutMs = parsed->timeoutSeconds * 1000;
    kube::ClusterConnection connection(*config, *credentials, options);
    actions::ClusterRoute route(&connection);
    audit::AuditLog log(audit::AuditLog::Options{parsed->auditDir});
    actions::ActionService service(&log);
    service.setPolicy([&scope](const QString &c, const QString &ns) { return scope.policyFor(c, ns); },
                      [&scope](const QString &c, const QString &ns) { return scope.environmentFor(c, ns); });
    const EnvironmentPolicy policy = scope.policyFor(request.target.context, request.target.ns);
    const bool interactive = !parsed->yes && ::isatty(::fileno(io.in())) != 0;
    if (!parsed->yes && !interactive) {
        io.err(ActionText::tr("rolldeck %1: not a terminal; pass --yes to act without asking\n").arg(verb));
        return BadInput;
    }

    // The decision: what the rollout looks like now, stated, and (on a terminal) agreed to.
    QObject context;
    const QString what =
        QStringLiteral("%1 %2/%3 (%4)").arg(verb, request.target.ns, request.target.name, request.target.context);
    route.read(request.target, &context, [&](const kube::KubeResponse &response) {
        if (!response.ok()) {
            io.err(ActionText::tr("rolldeck %1: cannot read the rollout: %2\n").arg(verb, response.error->toString()));
            QCoreApplication::exit(response.error->isNotFound() ? BadInput : Refused);
            return;
        }
        request.seen = DecisionState::of(Rollout::fromJson(response.object));
        io.out(ActionText::tr("%1: %2\n").arg(what, request.seen.summary()));
        if (interactive) {
            if (policy.typeToConfirm && request.typedName.isEmpty()) {
                io.out(ActionText::tr("Type the rollout's name to confirm: "));
                request.typedName = readLine(io.in());
            } else {
                io.out(ActionText::tr("Proceed? [y/N] "));
                const QString answer = readLine(io.in()).toLower();
                if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
                    io.err(ActionText::tr("Not confirmed; nothing was sent.\n"));
                    QCoreApplication::exit(Refused);
                    return;
                }
            }
        }
        service.submit(request, &route, &context, [&](const actions::ActionResult &r) {
            const QString line = ActionText::tr("%1: %2\n").arg(what, outcomeLine(r));
            r.outcome == actions::ActionResult::Outcome::Applied ? io.out(line) : io.err(line);
            if (r.applied() && !r.noop) {
                io.out(ActionText::tr("  before: %1\n").arg(r.before.summary()));
                if (r.after)
                    io.out(ActionText::tr("  after:  %1\n").arg(r.after->summary()));
            }
            for (const QString &problem : r.evidenceProblems)
                io.err(ActionText::tr("  not posted to the cluster (recorded): %1\n").arg(problem));
            if (!r.auditHash.isEmpty())
                io.out(ActionText::tr("  audit record %1\n").arg(QString::fromLatin1(r.auditHash.left(16))));
            switch (r.outcome) {
            case actions::ActionResult::Outcome::Applied:
                QCoreApplication::exit(Done);
                return;
            case actions::ActionResult::Outcome::Unknown:
                QCoreApplication::exit(OutcomeUnknown);
                return;
            case actions::ActionResult::Outcome::Refused:
            case actions::ActionResult::Outcome::Failed:
                QCoreApplication::exit(Refused);
                return;
            }
        });
    });
    return QCoreApplication::exec();
}

} // namespace rolldeck
