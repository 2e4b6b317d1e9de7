<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <source>Rolldeck: a console for progressive delivery on Kubernetes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on the embedded demo cluster.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo scenario: a built-in name or a YAML file (with --demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo time acceleration, e.g. 60: a 30-minute pause lasts 30 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kubeconfig file to use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect only to this kubeconfig context (repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck: --speed needs a positive number
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo cluster…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo cluster wrote no usable kubeconfig.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo cluster at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo cluster · metrics from Prometheus at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo cluster · charts unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectCommand</name>
    <message>
        <source>Show saved Kubernetes objects (kubectl get -o yaml|json dumps, multi-document YAML, kind: List) as kubectl argo rollouts get rollout would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files or directories to read; - reads standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only this rollout (NAME or NAMESPACE/NAME); may be repeated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this experiment as kubectl argo rollouts get experiment would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write JSON (see docs/inspect-json.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute ages and delays at this RFC 3339 time instead of the current time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck inspect: name at least one file or directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck inspect: --now needs an RFC 3339 time such as 2026-08-17T10:00:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck inspect: no rollout named %1 in the input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck inspect: no experiment named %1 in the input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rolldeck inspect: the input holds no Rollout.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::DemoCluster</name>
    <message>
        <source>Cannot create a temporary folder for the demo cluster: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo cluster did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus was not started for this demo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::MainWindow</name>
    <message>
        <source>Rolldeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolldeck found no Kubernetes context to connect to.
Add a context to your kubeconfig (or set KUBECONFIG), open a workspace file,
or start the embedded demo cluster with &quot;rolldeck --demo&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clusters configured</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutListModel</name>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready replicas / current replicas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 desired, %2 current, %3 up to date, %4 ready, %5 available</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutPresentationModel</name>
    <message>
        <source>Cluster %1: stale since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster %1: stale since %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutsPanel</name>
    <message>
        <source>Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progressing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only rollouts with these statuses (none checked: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Degraded, failed or unknown rollouts, rollouts paused for a decision, and clusters whose data is stale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actual weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 rollout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rollouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rollouts in the connected clusters yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rollouts match the filters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::kube</name>
    <message>
        <source>User &quot;%1&quot; has an exec plugin and static credentials; the static credentials are used and the plugin is not run, as kubectl does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User &quot;%1&quot;: impersonation (%2) is not supported and is not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS certificate verification is off for cluster &quot;%1&quot; (insecure-skip-tls-verify): the server&apos;s identity is not checked.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rolldeck::prom::PrometheusProcess</name>
    <message>
        <source>Prometheus did not become ready within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the Prometheus configuration %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus is not installed (no &quot;prometheus&quot; on PATH); charts are unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to scrape %1: only loopback targets are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for Prometheus: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free loopback port for Prometheus.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus exited with status %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
