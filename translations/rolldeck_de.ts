<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AbTestCommand</name>
    <message>
        <source>  %1: not enough data (%2)
</source>
        <translation>  %1: nicht genug Daten (%2)
</translation>
    </message>
    <message>
        <source>  %1: statistic %2</source>
        <translation>  %1: Teststatistik %2</translation>
    </message>
    <message>
        <source>, df %1</source>
        <translation>, FG %1</translation>
    </message>
    <message>
        <source>, p %1</source>
        <translation>, p %1</translation>
    </message>
    <message>
        <source>, estimate %1 (%2 % CI %3 … %4)</source>
        <translation>, Schätzwert %1 (%2-%-KI %3 … %4)</translation>
    </message>
    <message>
        <source>Sample-ratio check:</source>
        <translation>Prüfung der Aufteilung (Sample Ratio):</translation>
    </message>
    <message>
        <source>%1: %2 %3, %4 %5 %6
</source>
        <translation>%1: %2 %3, %4 %5 %6
</translation>
    </message>
    <message>
        <source>  the p-values above are valid only at the planned sample; always-valid (mSPRT) p %1, confidence sequence %2 … %3
</source>
        <translation>  die p-Werte oben gelten nur beim geplanten Stichprobenumfang; jederzeit gültiges (mSPRT) p %1, Konfidenzfolge %2 … %3
</translation>
    </message>
    <message>
        <source>  planned sample %1 + %2, reached %3 %
</source>
        <translation>  geplante Stichprobe %1 + %2, erreicht %3 %
</translation>
    </message>
    <message>
        <source>  why: %1
  %2
</source>
        <translation>  warum: %1
  %2
</translation>
    </message>
    <message>
        <source>Time left at the current rate: %1 s
</source>
        <translation>Restzeit beim aktuellen Verkehr: %1 s
</translation>
    </message>
    <message>
        <source>Verdict: %1
</source>
        <translation>Urteil: %1
</translation>
    </message>
    <message>
        <source>report</source>
        <translation>report</translation>
    </message>
    <message>
        <source>The JSON input; - reads standard input.</source>
        <translation>Die JSON-Eingabe; - liest von der Standardeingabe.</translation>
    </message>
    <message>
        <source>Write JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <source>rolldeck abtest: expected report INPUT.json
</source>
        <translation>rolldeck abtest: erwartet wird report INPUT.json
</translation>
    </message>
    <message>
        <source>rolldeck abtest: cannot read %1: %2
</source>
        <translation>rolldeck abtest: %1 kann nicht gelesen werden: %2
</translation>
    </message>
    <message>
        <source>rolldeck abtest: %1
</source>
        <translation>rolldeck abtest: %1
</translation>
    </message>
    <message>
        <source>%1/%2: VirtualService %3 (context %4, read %5)
</source>
        <translation>%1/%2: VirtualService %3 (Kontext %4, gelesen %5)
</translation>
    </message>
    <message>
        <source>  %1 (%2): weight %3, %4 visits
</source>
        <translation>  %1 (%2): Gewicht %3, %4 Besuche
</translation>
    </message>
    <message>
        <source>rolldeck abtest: --live needs NAMESPACE/EXPERIMENT
</source>
        <translation>rolldeck abtest: --live braucht NAMESPACE/EXPERIMENT
</translation>
    </message>
    <message>
        <source>rolldeck abtest: &quot;%1&quot; is not a namespace name
</source>
        <translation>rolldeck abtest: „%1“ ist kein Namespace-Name
</translation>
    </message>
    <message>
        <source>An A/B test&apos;s statistics from counts and samples (schema: docs/statistics.md), or read live from its VirtualService and Prometheus with --live.</source>
        <translation>Die Statistik eines A/B-Tests aus Zählungen und Stichproben (Schema: docs/statistics.md) oder mit --live direkt aus seinem VirtualService und Prometheus gelesen.</translation>
    </message>
    <message>
        <source>Read the experiment live: the VirtualService annotated rolldeck.io/ab-test: EXPERIMENT in NAMESPACE, and its series in Prometheus.</source>
        <translation>Das Experiment live lesen: den VirtualService mit der Annotation rolldeck.io/ab-test: EXPERIMENT in NAMESPACE und seine Reihen in Prometheus.</translation>
    </message>
    <message>
        <source>--live: the kubeconfig file.</source>
        <translation>--live: die kubeconfig-Datei.</translation>
    </message>
    <message>
        <source>--live: the kubeconfig context.</source>
        <translation>--live: der kubeconfig-Kontext.</translation>
    </message>
    <message>
        <source>--live: the workspace file whose environment names the Prometheus (default: the default workspace file).</source>
        <translation>--live: die Workspace-Datei, deren Umgebung das Prometheus nennt (Standard: die Standard-Workspace-Datei).</translation>
    </message>
    <message>
        <source>--live: this Prometheus instead of the environment&apos;s.</source>
        <translation>--live: dieses Prometheus statt dem der Umgebung.</translation>
    </message>
    <message>
        <source>--live: seconds to wait for the cluster and Prometheus (default 30).</source>
        <translation>--live: Sekunden, die auf Cluster und Prometheus gewartet wird (Standard 30).</translation>
    </message>
    <message>
        <source>rolldeck abtest: expected report --live NAMESPACE/EXPERIMENT
</source>
        <translation>rolldeck abtest: erwartet report --live NAMESPACE/EXPERIMENT
</translation>
    </message>
    <message>
        <source>rolldeck abtest: --prometheus needs an http(s) URL
</source>
        <translation>rolldeck abtest: --prometheus braucht eine http(s)-URL
</translation>
    </message>
    <message>
        <source>rolldeck abtest: --timeout needs a positive number of seconds
</source>
        <translation>rolldeck abtest: --timeout braucht eine positive Zahl von Sekunden
</translation>
    </message>
    <message>
        <source>context &quot;%1&quot; is not in the kubeconfig (or is unusable)%2</source>
        <translation>Kontext „%1“ ist nicht in der kubeconfig (oder nicht verwendbar)%2</translation>
    </message>
    <message>
        <source>no Prometheus for %1/%2: give --prometheus URL, or a workspace whose environment covering that namespace names one</source>
        <translation>kein Prometheus für %1/%2: --prometheus URL angeben oder einen Workspace, dessen Umgebung für diesen Namespace eines nennt</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>keine Antwort innerhalb von %1 s</translation>
    </message>
    <message>
        <source>cannot list the VirtualServices of %1: %2</source>
        <translation>die VirtualServices von %1 lassen sich nicht auflisten: %2</translation>
    </message>
    <message>
        <source>no VirtualService in %1 is annotated %2: %3</source>
        <translation>kein VirtualService in %1 hat die Annotation %2: %3</translation>
    </message>
</context>
<context>
    <name>ActionCommand</name>
    <message>
        <source>%1 a rollout, with policy, decision check and audit record.</source>
        <translation>%1 für einen Rollout, mit Richtlinie, Prüfung der Entscheidung und Audit-Eintrag.</translation>
    </message>
    <message>
        <source>The rollout: NAMESPACE/NAME.</source>
        <translation>Der Rollout: NAMESPACE/NAME.</translation>
    </message>
    <message>
        <source>The kubeconfig context.</source>
        <translation>Der kubeconfig-Kontext.</translation>
    </message>
    <message>
        <source>The kubeconfig file.</source>
        <translation>Die kubeconfig-Datei.</translation>
    </message>
    <message>
        <source>The workspace file (environments and their policy).</source>
        <translation>Die Workspace-Datei (Umgebungen und ihre Richtlinien).</translation>
    </message>
    <message>
        <source>promote: skip every remaining step.</source>
        <translation>promote: alle verbleibenden Schritte überspringen.</translation>
    </message>
    <message>
        <source>undo: the revision to go back to (default: the previous one).</source>
        <translation>undo: die Revision, zu der zurückgekehrt wird (Standard: die vorige).</translation>
    </message>
    <message>
        <source>Why (recorded in the audit log).</source>
        <translation>Warum (wird im Audit-Log festgehalten).</translation>
    </message>
    <message>
        <source>The rollout&apos;s name, where the policy asks for it typed.</source>
        <translation>Der Name des Rollouts, wo die Richtlinie verlangt, ihn einzutippen.</translation>
    </message>
    <message>
        <source>Do not ask.</source>
        <translation>Nicht nachfragen.</translation>
    </message>
    <message>
        <source>Seconds to wait for each answer of the server.</source>
        <translation>Sekunden, die auf jede Antwort des Servers gewartet wird.</translation>
    </message>
    <message>
        <source>The audit log&apos;s directory.</source>
        <translation>Das Verzeichnis des Audit-Logs.</translation>
    </message>
    <message>
        <source>rolldeck %1: name one rollout as NAMESPACE/NAME
</source>
        <translation>rolldeck %1: genau einen Rollout als NAMESPACE/NAME angeben
</translation>
    </message>
    <message>
        <source>rolldeck %1: --full is for promote
</source>
        <translation>rolldeck %1: --full gilt nur für promote
</translation>
    </message>
    <message>
        <source>rolldeck %1: --to-revision takes a revision number and is for undo
</source>
        <translation>rolldeck %1: --to-revision erwartet eine Revisionsnummer und gilt nur für undo
</translation>
    </message>
    <message>
        <source>rolldeck %1: --reason TEXT is required (it goes into the audit log)
</source>
        <translation>rolldeck %1: --reason TEXT ist nötig (es wird im Audit-Log festgehalten)
</translation>
    </message>
    <message>
        <source>rolldeck %1: --timeout needs a positive number of seconds
</source>
        <translation>rolldeck %1: --timeout erwartet eine positive Anzahl Sekunden
</translation>
    </message>
    <message>
        <source>nothing to do: %1</source>
        <translation>nichts zu tun: %1</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>ausgeführt</translation>
    </message>
    <message>
        <source>refused (%1): %2</source>
        <translation>abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>OUTCOME UNKNOWN: %1. Check the rollout; `rolldeck audit verify` lists it until it is acknowledged.</source>
        <translation>ERGEBNIS UNBEKANNT: %1. Prüfen Sie den Rollout; `rolldeck audit verify` führt die Aktion auf, bis sie bestätigt ist.</translation>
    </message>
    <message>
        <source>rolldeck %1: context &quot;%2&quot; is not in the kubeconfig (or is unusable)
</source>
        <translation>rolldeck %1: Kontext „%2“ steht nicht in der kubeconfig (oder ist unbrauchbar)
</translation>
    </message>
    <message>
        <source>rolldeck %1: %2
</source>
        <translation>rolldeck %1: %2
</translation>
    </message>
    <message>
        <source>rolldeck %1: not a terminal; pass --yes to act without asking
</source>
        <translation>rolldeck %1: kein Terminal; mit --yes wird ohne Rückfrage gehandelt
</translation>
    </message>
    <message>
        <source>rolldeck %1: cannot read the rollout: %2
</source>
        <translation>rolldeck %1: der Rollout kann nicht gelesen werden: %2
</translation>
    </message>
    <message>
        <source>%1: %2
</source>
        <translation>%1: %2
</translation>
    </message>
    <message>
        <source>Type the rollout&apos;s name to confirm: </source>
        <translation>Zur Bestätigung den Namen des Rollouts eingeben: </translation>
    </message>
    <message>
        <source>Proceed? [y/N] </source>
        <translation>Fortfahren? [y/N] </translation>
    </message>
    <message>
        <source>Not confirmed; nothing was sent.
</source>
        <translation>Nicht bestätigt; nichts wurde gesendet.
</translation>
    </message>
    <message>
        <source>  before: %1
</source>
        <translation>  vorher: %1
</translation>
    </message>
    <message>
        <source>  after:  %1
</source>
        <translation>  nachher: %1
</translation>
    </message>
    <message>
        <source>  not posted to the cluster (recorded): %1
</source>
        <translation>  nicht an den Cluster übermittelt (festgehalten): %1
</translation>
    </message>
    <message>
        <source>  audit record %1
</source>
        <translation>  Audit-Eintrag %1
</translation>
    </message>
</context>
<context>
    <name>ActionRules</name>
    <message>
        <source>The update was aborted: retry it first.</source>
        <translation>Das Update wurde abgebrochen: zuerst wiederholen.</translation>
    </message>
    <message>
        <source>Nothing to promote: no update is in progress.</source>
        <translation>Nichts freizugeben: kein Update läuft.</translation>
    </message>
    <message>
        <source>Already aborted.</source>
        <translation>Schon abgebrochen.</translation>
    </message>
    <message>
        <source>Nothing to abort: no update is in progress.</source>
        <translation>Nichts abzubrechen: kein Update läuft.</translation>
    </message>
    <message>
        <source>Retry is for an aborted update.</source>
        <translation>Wiederholen ist für ein abgebrochenes Update.</translation>
    </message>
    <message>
        <source>No earlier revision to go back to.</source>
        <translation>Keine frühere Revision, zu der man zurückkehren könnte.</translation>
    </message>
    <message>
        <source>Already paused by a person.</source>
        <translation>Schon von einer Person angehalten.</translation>
    </message>
    <message>
        <source>Nothing to pause: no update is in progress.</source>
        <translation>Nichts anzuhalten: kein Update läuft.</translation>
    </message>
</context>
<context>
    <name>ArgoCdCredentialCommand</name>
    <message>
        <source>Argo CD did not answer within a minute.</source>
        <translation>Argo CD hat nicht innerhalb einer Minute geantwortet.</translation>
    </message>
    <message>
        <source>does not expire</source>
        <translation>läuft nicht ab</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>läuft ab am %1</translation>
    </message>
    <message>
        <source>login needs one of --username NAME (the password on standard input), --token (the token on standard input) or --from-argocd-cli</source>
        <translation>login braucht eines von --username NAME (das Passwort auf der Standardeingabe), --token (das Token auf der Standardeingabe) oder --from-argocd-cli</translation>
    </message>
    <message>
        <source>the argocd CLI has no token for %1 (neither ARGOCD_AUTH_TOKEN nor %2)</source>
        <translation>die argocd-CLI hat kein Token für %1 (weder ARGOCD_AUTH_TOKEN noch %2)</translation>
    </message>
    <message>
        <source>Using the argocd CLI&apos;s token from %1.
</source>
        <translation>Verwende das Token der argocd-CLI aus %1.
</translation>
    </message>
    <message>
        <source>Argo CD token for %1 (not shown): </source>
        <translation>Argo-CD-Token für %1 (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>Password of %1 at %2 (not shown): </source>
        <translation>Passwort von %1 bei %2 (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>no password on standard input; not logged in</source>
        <translation>kein Passwort auf der Standardeingabe; nicht angemeldet</translation>
    </message>
    <message>
        <source>no token on standard input; not logged in</source>
        <translation>kein Token auf der Standardeingabe; nicht angemeldet</translation>
    </message>
    <message>
        <source>the keychain did not answer within a minute</source>
        <translation>der Schlüsselbund hat nicht innerhalb einer Minute geantwortet</translation>
    </message>
    <message>
        <source>Logged in to Argo CD at %1 as %2; the token (%3) is in the keychain entry &quot;%4&quot;.
</source>
        <translation>Bei Argo CD unter %1 als %2 angemeldet; das Token (%3) liegt im Schlüsselbund-Eintrag „%4“.
</translation>
    </message>
    <message>
        <source>Replaced the earlier token; its session is ended.
</source>
        <translation>Das bisherige Token wurde ersetzt; seine Sitzung ist beendet.
</translation>
    </message>
    <message>
        <source>Replaced the earlier token.
</source>
        <translation>Das bisherige Token wurde ersetzt.
</translation>
    </message>
    <message>
        <source>A workspace refers to it with:  credential: keychain:%1
</source>
        <translation>Ein Arbeitsbereich verweist darauf mit:  credential: keychain:%1
</translation>
    </message>
    <message>
        <source>Not logged in to Argo CD at %1: the keychain has no entry &quot;%2&quot;.
</source>
        <translation>Nicht bei Argo CD unter %1 angemeldet: der Schlüsselbund hat keinen Eintrag „%2“.
</translation>
    </message>
    <message>
        <source>Logged out of Argo CD at %1; removed the keychain entry &quot;%2&quot;.
</source>
        <translation>Bei Argo CD unter %1 abgemeldet; der Schlüsselbund-Eintrag „%2“ wurde entfernt.
</translation>
    </message>
    <message>
        <source>(Argo CD did not end the session: %1)
</source>
        <translation>(Argo CD hat die Sitzung nicht beendet: %1)
</translation>
    </message>
    <message>
        <source>keychain entry &quot;%1&quot;</source>
        <translation>Schlüsselbund-Eintrag „%1“</translation>
    </message>
    <message>
        <source>the argocd CLI (%1)</source>
        <translation>der argocd-CLI (%1)</translation>
    </message>
    <message>
        <source>Logged in to Argo CD at %1 as %2 (token from %3; %4).
</source>
        <translation>Bei Argo CD unter %1 als %2 angemeldet (Token aus %3; %4).
</translation>
    </message>
    <message>
        <source>Applications it can list (%1): %2
</source>
        <translation>Anwendungen, die es auflisten kann (%1): %2
</translation>
    </message>
    <message>
        <source>An Argo CD token per server, kept in the OS keychain only.
  login   --username NAME (password on standard input), --token (token on standard input) or
          --from-argocd-cli; logging in again replaces the token and ends the replaced session
  logout  end the session and remove the token from the keychain
  status  which token is used, when it expires, and the applications it can list
The server: --server, else ARGOCD_SERVER, else the argocd CLI&apos;s current context.</source>
        <translation>Ein Argo-CD-Token je Server, nur im Schlüsselbund des Betriebssystems.
  login   --username NAME (Passwort auf der Standardeingabe), --token (Token auf der Standardeingabe) oder
          --from-argocd-cli; erneutes Anmelden ersetzt das Token und beendet die ersetzte Sitzung
  logout  die Sitzung beenden und das Token aus dem Schlüsselbund entfernen
  status  welches Token verwendet wird, wann es abläuft und welche Anwendungen es auflisten kann
Der Server: --server, sonst ARGOCD_SERVER, sonst der aktuelle Kontext der argocd-CLI.</translation>
    </message>
    <message>
        <source>login, logout or status.</source>
        <translation>login, logout oder status.</translation>
    </message>
    <message>
        <source>The Argo CD server (host[:port] or https://host[:port]).</source>
        <translation>Der Argo-CD-Server (host[:port] oder https://host[:port]).</translation>
    </message>
    <message>
        <source>The server speaks plain HTTP (as the argocd CLI&apos;s --plaintext).</source>
        <translation>Der Server spricht unverschlüsseltes HTTP (wie --plaintext der argocd-CLI).</translation>
    </message>
    <message>
        <source>Trust the server&apos;s certificate through these PEM CAs instead of the system&apos;s (as the argocd CLI&apos;s --server-crt).</source>
        <translation>Dem Zertifikat des Servers über diese PEM-CAs statt über die des Systems vertrauen (wie --server-crt der argocd-CLI).</translation>
    </message>
    <message>
        <source>login: the Argo CD user; the password is read from standard input.</source>
        <translation>login: der Argo-CD-Benutzer; das Passwort wird von der Standardeingabe gelesen.</translation>
    </message>
    <message>
        <source>login: an API token, read from standard input.</source>
        <translation>login: ein API-Token, von der Standardeingabe gelesen.</translation>
    </message>
    <message>
        <source>login: take the argocd CLI&apos;s token (ARGOCD_AUTH_TOKEN or its config file).</source>
        <translation>login: das Token der argocd-CLI übernehmen (ARGOCD_AUTH_TOKEN oder ihre Konfigurationsdatei).</translation>
    </message>
    <message>
        <source>say login, logout or status</source>
        <translation>login, logout oder status angeben</translation>
    </message>
    <message>
        <source>--username, --token and --from-argocd-cli go with login only</source>
        <translation>--username, --token und --from-argocd-cli gehören nur zu login</translation>
    </message>
    <message>
        <source>The argocd CLI&apos;s config is not used: %1
</source>
        <translation>Die Konfiguration der argocd-CLI wird nicht verwendet: %1
</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an Argo CD server (host[:port] or https://host[:port])</source>
        <translation>„%1“ ist kein Argo-CD-Server (host[:port] oder https://host[:port])</translation>
    </message>
    <message>
        <source>which server? Say --server, or set ARGOCD_SERVER</source>
        <translation>welcher Server? --server angeben oder ARGOCD_SERVER setzen</translation>
    </message>
    <message>
        <source>cannot read the CA file %1</source>
        <translation>die CA-Datei %1 kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>ArgoCdCredentials</name>
    <message>
        <source>The Argo CD token for %1 expires at %2. Renew it now with: %3</source>
        <translation>Das Argo-CD-Token für %1 läuft am %2 ab. Jetzt erneuern mit: %3</translation>
    </message>
    <message>
        <source>The Argo CD token for %1 expired at %2. Log in again with: %3</source>
        <translation>Das Argo-CD-Token für %1 ist am %2 abgelaufen. Erneut anmelden mit: %3</translation>
    </message>
    <message>
        <source>Argo CD at %1 no longer accepts the token (%2): it has expired or was revoked. Log in again with: %3</source>
        <translation>Argo CD unter %1 akzeptiert das Token nicht mehr (%2): es ist abgelaufen oder wurde widerrufen. Erneut anmelden mit: %3</translation>
    </message>
    <message>
        <source>Not logged in to Argo CD at %1. Log in with: %2</source>
        <translation>Nicht bei Argo CD unter %1 angemeldet. Anmelden mit: %2</translation>
    </message>
    <message>
        <source>not a mapping</source>
        <translation>keine Zuordnung (mapping)</translation>
    </message>
    <message>
        <source>line %1: not valid YAML</source>
        <translation>Zeile %1: kein gültiges YAML</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>%1 is larger than 1 MiB</source>
        <translation>%1 ist größer als 1 MiB</translation>
    </message>
</context>
<context>
    <name>Attention</name>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>Status unbekannt</translation>
    </message>
    <message>
        <source>paused by a person</source>
        <translation>von Hand pausiert</translation>
    </message>
    <message>
        <source>analysis inconclusive</source>
        <translation>Analyse nicht eindeutig</translation>
    </message>
    <message>
        <source>waiting for promotion</source>
        <translation>wartet auf Freigabe</translation>
    </message>
    <message>
        <source>stale since %1</source>
        <translation>veraltet seit %1</translation>
    </message>
    <message>
        <source>stale since %1 (%2)</source>
        <translation>veraltet seit %1 (%2)</translation>
    </message>
</context>
<context>
    <name>AuditCommand</name>
    <message>
        <source>No audit log in %1.
</source>
        <translation>Kein Audit-Log in %1.
</translation>
    </message>
    <message>
        <source>BROKEN: %1, line %2%3%4: %5
</source>
        <translation>BESCHÄDIGT: %1, Zeile %2%3%4: %5
</translation>
    </message>
    <message>
        <source> (record %1)</source>
        <translation> (Eintrag %1)</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message numerus="yes">
        <source>%n more problem(s) after it.
</source>
        <translation>
            <numerusform>%n weiteres Problem danach.
</numerusform>
            <numerusform>%n weitere Probleme danach.
</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain intact: %1 records in %2 file(s), records %3 to %4.
</source>
        <translation>Kette unversehrt: %1 Einträge in %2 Datei(en), Einträge %3 bis %4.
</translation>
    </message>
    <message>
        <source>The export continues the chain after hash %1.
</source>
        <translation>Der Export setzt die Kette nach dem Hash %1 fort.
</translation>
    </message>
    <message>
        <source>OUTCOME UNKNOWN: %1 %2 %3 by %4 (%5, line %6), action %7; acknowledge with `rolldeck audit ack %7 --reason TEXT`
</source>
        <translation>ERGEBNIS UNBEKANNT: %1 %2 %3 durch %4 (%5, Zeile %6), Aktion %7; bestätigen mit `rolldeck audit ack %7 --reason TEXT`
</translation>
    </message>
    <message>
        <source>NOT IN THE LOCAL CHAIN: %1 holds record hash %2
</source>
        <translation>NICHT IN DER LOKALEN KETTE: %1 trägt den Eintrags-Hash %2
</translation>
    </message>
    <message>
        <source>%1: not in the kubeconfig; not checked
</source>
        <translation>%1: nicht in der kubeconfig; nicht geprüft
</translation>
    </message>
    <message>
        <source>%1: Events of %2: %3
</source>
        <translation>%1: Events von %2: %3
</translation>
    </message>
    <message>
        <source>%1: Event %2 on %3</source>
        <translation>%1: Event %2 an %3</translation>
    </message>
    <message>
        <source>%1: annotation rolldeck.io/last-action on %2</source>
        <translation>%1: Annotation rolldeck.io/last-action an %2</translation>
    </message>
    <message>
        <source>Cluster: %1 hash(es) checked, %2 not in the local chain.
</source>
        <translation>Cluster: %1 Hash(es) geprüft, %2 nicht in der lokalen Kette.
</translation>
    </message>
    <message>
        <source>The audit log: verify its chain, show or export its records.</source>
        <translation>Das Audit-Log: die Kette prüfen, Einträge anzeigen oder exportieren.</translation>
    </message>
    <message>
        <source>verify, show, export or ack.</source>
        <translation>verify, show, export oder ack.</translation>
    </message>
    <message>
        <source>The audit log&apos;s directory.</source>
        <translation>Das Verzeichnis des Audit-Logs.</translation>
    </message>
    <message>
        <source>Only records at or after this time.</source>
        <translation>Nur Einträge ab diesem Zeitpunkt.</translation>
    </message>
    <message>
        <source>export: CSV (not verifiable).</source>
        <translation>export: CSV (nicht prüfbar).</translation>
    </message>
    <message>
        <source>The records as stored (JSON Lines).</source>
        <translation>Die Einträge wie gespeichert (JSON Lines).</translation>
    </message>
    <message>
        <source>verify: compare the hashes the clusters hold with the chain.</source>
        <translation>verify: die Hashes in den Clustern mit der Kette vergleichen.</translation>
    </message>
    <message>
        <source>Only this context (repeatable).</source>
        <translation>Nur dieser Kontext (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>The kubeconfig file.</source>
        <translation>Die kubeconfig-Datei.</translation>
    </message>
    <message>
        <source>ack: what was found.</source>
        <translation>ack: was festgestellt wurde.</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is not an RFC 3339 time
</source>
        <translation>--since: „%1“ ist keine Zeitangabe nach RFC 3339
</translation>
    </message>
    <message>
        <source>--csv and --json exclude each other
</source>
        <translation>--csv und --json schließen einander aus
</translation>
    </message>
    <message>
        <source>audit ack: name one action id and give --reason TEXT
</source>
        <translation>audit ack: genau eine Aktions-ID und --reason TEXT angeben
</translation>
    </message>
    <message>
        <source>Acknowledged (record %1).
</source>
        <translation>Bestätigt (Eintrag %1).
</translation>
    </message>
    <message>
        <source>rolldeck audit: expected verify, show, export or ack
</source>
        <translation>rolldeck audit: erwartet wird verify, show, export oder ack
</translation>
    </message>
</context>
<context>
    <name>ChartJudgement</name>
    <message>
        <source>No chart has a stable and a canary line yet: the judge compares them once the canary takes traffic.</source>
        <translation>Noch kein Diagramm hat eine stabile und eine Canary-Linie: Der Richter vergleicht sie, sobald der Canary Verkehr bekommt.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Rolldeck: a console for progressive delivery on Kubernetes.</source>
        <translation>Rolldeck: eine Konsole für Progressive Delivery auf Kubernetes.</translation>
    </message>
    <message>
        <source>Run on the embedded demo cluster.</source>
        <translation>Mit dem eingebauten Demo-Cluster starten.</translation>
    </message>
    <message>
        <source>Demo scenario: a built-in name or a YAML file (with --demo).</source>
        <translation>Demo-Szenario: ein eingebauter Name oder eine YAML-Datei (mit --demo).</translation>
    </message>
    <message>
        <source>Demo time acceleration, e.g. 60: a 30-minute pause lasts 30 s.</source>
        <translation>Zeitraffer für die Demo, z. B. 60: eine 30-minütige Pause dauert 30 s.</translation>
    </message>
    <message>
        <source>The kubeconfig file to use.</source>
        <translation>Die zu verwendende kubeconfig-Datei.</translation>
    </message>
    <message>
        <source>Connect only to this kubeconfig context (repeatable).</source>
        <translation>Nur mit diesem kubeconfig-Kontext verbinden (mehrfach angebbar).</translation>
    </message>
    <message>
        <source>rolldeck: --speed needs a positive number
</source>
        <translation>rolldeck: --speed erwartet eine positive Zahl
</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>Verbindung zu %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>Starting the demo cluster…</source>
        <translation>Demo-Cluster wird gestartet …</translation>
    </message>
    <message>
        <source>The demo cluster wrote no usable kubeconfig.</source>
        <translation>Der Demo-Cluster hat keine verwendbare kubeconfig geschrieben.</translation>
    </message>
    <message>
        <source>Demo cluster at %1</source>
        <translation>Demo-Cluster unter %1</translation>
    </message>
    <message>
        <source>Demo cluster · metrics from Prometheus at %1</source>
        <translation>Demo-Cluster · Metriken von Prometheus unter %1</translation>
    </message>
    <message>
        <source>Demo cluster · charts unavailable: %1</source>
        <translation>Demo-Cluster · Diagramme nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>The workspace file: environments, their contexts and namespaces, and policy (default: %1 if it exists; else every kubeconfig context is an environment).</source>
        <translation>Die Workspace-Datei: Umgebungen, ihre Kontexte und Namespaces sowie Richtlinien (Standard: %1, falls vorhanden; sonst ist jeder kubeconfig-Kontext eine Umgebung).</translation>
    </message>
    <message>
        <source>Open this rollout&apos;s detail at start: [context/]namespace/name (the demo cluster or the first context when none is given).</source>
        <translation>Die Detailansicht dieses Rollouts beim Start öffnen: [Kontext/]Namespace/Name (der Demo-Cluster oder der erste Kontext, wenn keiner angegeben ist).</translation>
    </message>
    <message>
        <source>rolldeck: --rollout needs [context/]namespace/name
</source>
        <translation>rolldeck: --rollout erwartet [Kontext/]Namespace/Name
</translation>
    </message>
    <message>
        <source>rolldeck: no display to open the console on (DISPLAY and WAYLAND_DISPLAY are not set); run it on a desktop, under xvfb-run, or with QT_QPA_PLATFORM=offscreen. inspect, status and credential need no display.
</source>
        <translation>rolldeck: kein Display, auf dem die Konsole sich öffnen kann (DISPLAY und WAYLAND_DISPLAY sind nicht gesetzt); starten Sie sie auf einem Desktop, unter xvfb-run oder mit QT_QPA_PLATFORM=offscreen. inspect, status und credential brauchen kein Display.
</translation>
    </message>
    <message>
        <source>Start in presenter mode: a full-screen board of every environment.</source>
        <translation>Im Präsentationsmodus starten: eine Vollbildtafel aller Umgebungen.</translation>
    </message>
    <message>
        <source>Audit log exported to %1</source>
        <translation>Audit-Log exportiert nach %1</translation>
    </message>
    <message>
        <source>Cannot export the audit log to %1: %2</source>
        <translation>Das Audit-Log kann nicht nach %1 exportiert werden: %2</translation>
    </message>
    <message>
        <source>The guard aborted %1: a rollback trigger fired.</source>
        <translation>Der Wächter hat %1 abgebrochen: ein Rollback-Auslöser hat gegriffen.</translation>
    </message>
    <message>
        <source>The guard&apos;s abort of %1 did not go through: %2</source>
        <translation>Der Abbruch von %1 durch den Wächter ist nicht erfolgt: %2</translation>
    </message>
    <message>
        <source>Deployment dashboard — Rolldeck</source>
        <translation>Deployment-Dashboard — Rolldeck</translation>
    </message>
    <message>
        <source>No cluster is connected: no A/B tests to read.</source>
        <translation>Kein Cluster ist verbunden: keine A/B-Tests zu lesen.</translation>
    </message>
</context>
<context>
    <name>ConnectionsController</name>
    <message>
        <source>Kept in %1 (the workspace file is not changed). The console uses what changed here from its next start.</source>
        <translation>Gespeichert in %1 (die Arbeitsbereichsdatei wird nicht geändert). Die Konsole verwendet die Änderungen ab ihrem nächsten Start.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an address Rolldeck can use: give an http(s) URL without a user or password, e.g. https://argocd.example.com.</source>
        <translation>„%1“ ist keine Adresse, die Rolldeck verwenden kann: bitte eine http(s)-URL ohne Benutzer oder Passwort angeben, z. B. https://argocd.example.com.</translation>
    </message>
    <message>
        <source>There is already a %1 connection named &quot;%2&quot;; remove it first or choose another name.</source>
        <translation>Es gibt bereits eine %1-Verbindung namens „%2“; entfernen Sie sie zuerst oder wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>The keychain has no entry &quot;%1&quot;; add the connection again with its token.</source>
        <translation>Der Schlüsselbund hat keinen Eintrag „%1“; fügen Sie die Verbindung mit ihrem Token erneut hinzu.</translation>
    </message>
    <message>
        <source>Argo CD at %1 answered: logged in as %2; %3 applications visible.</source>
        <translation>Argo CD unter %1 hat geantwortet: angemeldet als %2; %3 Anwendungen sichtbar.</translation>
    </message>
    <message>
        <source>Prometheus %1 at %2 answered.</source>
        <translation>Prometheus %1 unter %2 hat geantwortet.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>CredentialCommand</name>
    <message>
        <source>Secret for keychain entry &quot;%1&quot; (not shown): </source>
        <translation>Geheimnis für den Schlüsselbund-Eintrag „%1“ (wird nicht angezeigt): </translation>
    </message>
    <message>
        <source>present</source>
        <translation>vorhanden</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>rolldeck credential: the keychain did not answer within a minute
</source>
        <translation>rolldeck credential: Der Schlüsselbund hat innerhalb einer Minute nicht geantwortet
</translation>
    </message>
    <message>
        <source>set, delete or check.</source>
        <translation>set, delete oder check.</translation>
    </message>
    <message>
        <source>The keychain entry (set and delete).</source>
        <translation>Der Schlüsselbund-Eintrag (set und delete).</translation>
    </message>
    <message>
        <source>The workspace file to check (default: %1).</source>
        <translation>Die zu prüfende Arbeitsbereichsdatei (Standard: %1).</translation>
    </message>
    <message>
        <source>rolldeck credential: %1 needs exactly one NAME (the secret itself is read from standard input)
</source>
        <translation>rolldeck credential: %1 braucht genau einen NAMEN (das Geheimnis selbst wird von der Standardeingabe gelesen)
</translation>
    </message>
    <message>
        <source>rolldeck credential: --workspace goes with check only
</source>
        <translation>rolldeck credential: --workspace gibt es nur mit check
</translation>
    </message>
    <message>
        <source>rolldeck credential: &quot;%1&quot; is not a keychain entry name (letters, digits and . _ / @ -)
</source>
        <translation>rolldeck credential: „%1“ ist kein Name für einen Schlüsselbund-Eintrag (Buchstaben, Ziffern und . _ / @ -)
</translation>
    </message>
    <message>
        <source>rolldeck credential: no secret on standard input; nothing stored
</source>
        <translation>rolldeck credential: kein Geheimnis auf der Standardeingabe; nichts gespeichert
</translation>
    </message>
    <message>
        <source>Stored keychain entry &quot;%1&quot;.
</source>
        <translation>Schlüsselbund-Eintrag „%1“ gespeichert.
</translation>
    </message>
    <message>
        <source>Deleted keychain entry &quot;%1&quot;.
</source>
        <translation>Schlüsselbund-Eintrag „%1“ gelöscht.
</translation>
    </message>
    <message>
        <source>rolldeck credential: the keychain has no entry &quot;%1&quot;
</source>
        <translation>rolldeck credential: Der Schlüsselbund hat keinen Eintrag „%1“
</translation>
    </message>
    <message>
        <source>rolldeck credential: say set, delete or check
</source>
        <translation>rolldeck credential: Bitte set, delete oder check angeben
</translation>
    </message>
    <message>
        <source>rolldeck credential: unknown command &quot;%1&quot; (set, delete or check)
</source>
        <translation>rolldeck credential: unbekannter Befehl „%1“ (set, delete oder check)
</translation>
    </message>
    <message>
        <source>Unexpected argument: %1
</source>
        <translation>Unerwartetes Argument: %1
</translation>
    </message>
    <message>
        <source>No workspace file at %1: there are no keychain references to check.
</source>
        <translation>Keine Arbeitsbereichsdatei unter %1: Es gibt keine Schlüsselbund-Verweise zu prüfen.
</translation>
    </message>
    <message>
        <source>The workspace %1 refers to no keychain entries.
</source>
        <translation>Der Arbeitsbereich %1 verweist auf keine Schlüsselbund-Einträge.
</translation>
    </message>
    <message>
        <source>ENVIRONMENT</source>
        <translation>UMGEBUNG</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>ENDPUNKT</translation>
    </message>
    <message>
        <source>KEYCHAIN ENTRY</source>
        <translation>SCHLÜSSELBUND-EINTRAG</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>Keep the secrets the workspace refers to (credential: keychain:NAME) in the OS keychain.
  set NAME     store a secret read from standard input (never from the command line)
  delete NAME  remove it
  check        say for each keychain reference of the workspace whether it is present
  argocd login|logout|status   an Argo CD token for a server (see: credential argocd --help)</source>
        <translation>Die Geheimnisse, auf die der Arbeitsbereich verweist (credential: keychain:NAME), im Schlüsselbund des Betriebssystems halten.
  set NAME     ein Geheimnis von der Standardeingabe speichern (nie von der Befehlszeile)
  delete NAME  es entfernen
  check        für jeden Schlüsselbund-Verweis des Arbeitsbereichs sagen, ob er vorhanden ist
  argocd login|logout|status   ein Argo-CD-Token für einen Server (siehe: credential argocd --help)</translation>
    </message>
</context>
<context>
    <name>EnvironmentSetup</name>
    <message>
        <source>Some contexts the workspace names are not in the kubeconfig:</source>
        <translation>Einige Kontexte, die der Workspace nennt, sind nicht in der kubeconfig:</translation>
    </message>
    <message>
        <source>The workspace file has errors; showing every kubeconfig context instead:</source>
        <translation>Die Workspace-Datei enthält Fehler; stattdessen werden alle kubeconfig-Kontexte angezeigt:</translation>
    </message>
</context>
<context>
    <name>ExperimentStyle</name>
    <message>
        <source>cannot read</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>schlechter</translation>
    </message>
    <message>
        <source>do not trust</source>
        <translation>nicht vertrauen</translation>
    </message>
    <message>
        <source>keep running</source>
        <translation>weiterlaufen lassen</translation>
    </message>
    <message>
        <source>not enough data</source>
        <translation>zu wenig Daten</translation>
    </message>
    <message>
        <source>no difference</source>
        <translation>kein Unterschied</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>kein Plan</translation>
    </message>
</context>
<context>
    <name>Guard</name>
    <message>
        <source>Alert</source>
        <translation>Alarm</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Auslöser</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>In breach</source>
        <translation>Überschritten seit</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 für %2</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>%1: %2 %3 for %4</source>
        <translation>%1: %2 %3 seit %4</translation>
    </message>
    <message>
        <source>waiting for the first value</source>
        <translation>wartet auf den ersten Wert</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>firing</source>
        <translation>ausgelöst</translation>
    </message>
    <message>
        <source>no data: the query returned no series</source>
        <translation>keine Daten: die Abfrage lieferte keine Zeitreihe</translation>
    </message>
    <message>
        <source>query failed: %1</source>
        <translation>Abfrage fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>guard paused: data %1</source>
        <translation>Wächter pausiert: Daten %1</translation>
    </message>
</context>
<context>
    <name>InspectCommand</name>
    <message>
        <source>Show saved Kubernetes objects (kubectl get -o yaml|json dumps, multi-document YAML, kind: List) as kubectl argo rollouts get rollout would.</source>
        <translation>Zeigt gespeicherte Kubernetes-Objekte (Ausgaben von kubectl get -o yaml|json, YAML mit mehreren Dokumenten, kind: List) so an, wie kubectl argo rollouts get rollout es täte.</translation>
    </message>
    <message>
        <source>Files or directories to read; - reads standard input.</source>
        <translation>Zu lesende Dateien oder Verzeichnisse; - liest von der Standardeingabe.</translation>
    </message>
    <message>
        <source>Show only this rollout (NAME or NAMESPACE/NAME); may be repeated.</source>
        <translation>Nur diesen Rollout zeigen (NAME oder NAMESPACE/NAME); mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Show this experiment as kubectl argo rollouts get experiment would.</source>
        <translation>Dieses Experiment so zeigen, wie kubectl argo rollouts get experiment es täte.</translation>
    </message>
    <message>
        <source>Write JSON (see docs/inspect-json.md).</source>
        <translation>JSON ausgeben (siehe docs/inspect-json.md).</translation>
    </message>
    <message>
        <source>Compute ages and delays at this RFC 3339 time instead of the current time.</source>
        <translation>Alter und Wartezeiten zu diesem RFC-3339-Zeitpunkt statt zur aktuellen Zeit berechnen.</translation>
    </message>
    <message>
        <source>rolldeck inspect: name at least one file or directory.</source>
        <translation>rolldeck inspect: mindestens eine Datei oder ein Verzeichnis angeben.</translation>
    </message>
    <message>
        <source>rolldeck inspect: --now needs an RFC 3339 time such as 2026-08-17T10:00:00Z.</source>
        <translation>rolldeck inspect: --now erwartet einen RFC-3339-Zeitpunkt wie 2026-08-17T10:00:00Z.</translation>
    </message>
    <message>
        <source>rolldeck inspect: no rollout named %1 in the input.</source>
        <translation>rolldeck inspect: kein Rollout namens %1 in der Eingabe.</translation>
    </message>
    <message>
        <source>rolldeck inspect: no experiment named %1 in the input.</source>
        <translation>rolldeck inspect: kein Experiment namens %1 in der Eingabe.</translation>
    </message>
    <message>
        <source>rolldeck inspect: the input holds no Rollout.</source>
        <translation>rolldeck inspect: die Eingabe enthält keinen Rollout.</translation>
    </message>
    <message>
        <source>appears again (first at %1); this later copy is shown</source>
        <translation>kommt erneut vor (zuerst in %1); diese spätere Kopie wird angezeigt</translation>
    </message>
    <message>
        <source>rolldeck inspect: warning: %1
</source>
        <translation>rolldeck inspect: Warnung: %1
</translation>
    </message>
    <message>
        <source>rolldeck inspect: %1
</source>
        <translation>rolldeck inspect: %1
</translation>
    </message>
</context>
<context>
    <name>JudgeCommand</name>
    <message>
        <source>Judge a canary as Kayenta&apos;s NetflixACAJudge does: per metric, the Mann-Whitney interval of the shift between control and experiment samples, then a weighted score (schema: docs/statistics.md).</source>
        <translation>Beurteilt einen Canary wie Kayentas NetflixACAJudge: je Metrik das Mann-Whitney-Intervall der Verschiebung zwischen Kontroll- und Experiment-Stichprobe, dann eine gewichtete Punktzahl (Schema: docs/statistics.md).</translation>
    </message>
    <message>
        <source>The JSON input; - reads standard input.</source>
        <translation>Die JSON-Eingabe; - liest von der Standardeingabe.</translation>
    </message>
    <message>
        <source>Write JSON.</source>
        <translation>JSON ausgeben.</translation>
    </message>
    <message>
        <source>rolldeck judge: name one input file (or - for standard input)
</source>
        <translation>rolldeck judge: genau eine Eingabedatei angeben (oder - für die Standardeingabe)
</translation>
    </message>
    <message>
        <source>rolldeck judge: cannot read %1: %2
</source>
        <translation>rolldeck judge: %1 kann nicht gelesen werden: %2
</translation>
    </message>
    <message>
        <source>rolldeck judge: %1
</source>
        <translation>rolldeck judge: %1
</translation>
    </message>
    <message>
        <source>Score %1: %2
</source>
        <translation>Punktzahl %1: %2
</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>The keychain has no entry &quot;%1&quot;; set it with: rolldeck credential set %2</source>
        <translation>Der Schlüsselbund hat keinen Eintrag „%1“; anlegen mit: rolldeck credential set %2</translation>
    </message>
    <message>
        <source>No keychain service is running (a Secret Service such as gnome-keyring, or KWallet) to hold the entry &quot;%1&quot;</source>
        <translation>Es läuft kein Schlüsselbund-Dienst (ein Secret Service wie gnome-keyring, oder KWallet), der den Eintrag „%1“ aufnehmen kann</translation>
    </message>
    <message>
        <source>The keychain refused access to the entry &quot;%1&quot; (is it locked?)</source>
        <translation>Der Schlüsselbund hat den Zugriff auf den Eintrag „%1“ verweigert (ist er gesperrt?)</translation>
    </message>
    <message>
        <source>Cannot read the keychain entry &quot;%1&quot;</source>
        <translation>Der Schlüsselbund-Eintrag „%1“ kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Cannot store the keychain entry &quot;%1&quot;</source>
        <translation>Der Schlüsselbund-Eintrag „%1“ kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Cannot delete the keychain entry &quot;%1&quot;</source>
        <translation>Der Schlüsselbund-Eintrag „%1“ kann nicht gelöscht werden</translation>
    </message>
</context>
<context>
    <name>StartupNotices</name>
    <message numerus="yes">
        <source>%n action(s) with an unknown outcome (the first at %1): check the rollouts, then `rolldeck audit verify` and `rolldeck audit ack`.</source>
        <translation>
            <numerusform>%n Aktion mit unbekanntem Ergebnis (um %1): Rollouts prüfen, dann `rolldeck audit verify` und `rolldeck audit ack`.</numerusform>
            <numerusform>%n Aktionen mit unbekanntem Ergebnis (die erste um %1): Rollouts prüfen, dann `rolldeck audit verify` und `rolldeck audit ack`.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatsText</name>
    <message>
        <source>Mann-Whitney U test</source>
        <translation>Mann-Whitney-U-Test</translation>
    </message>
    <message>
        <source>a value is infinite or not a number</source>
        <translation>ein Wert ist unendlich oder keine Zahl</translation>
    </message>
    <message>
        <source>a variant has no observations</source>
        <translation>eine Variante hat keine Beobachtungen</translation>
    </message>
    <message>
        <source>no variation: every observation is the same</source>
        <translation>keine Streuung: alle Beobachtungen sind gleich</translation>
    </message>
    <message>
        <source>Mann-Whitney U test (exact)</source>
        <translation>Mann-Whitney-U-Test (exakt)</translation>
    </message>
    <message>
        <source>Mann-Whitney U test (normal approximation, tie-corrected)</source>
        <translation>Mann-Whitney-U-Test (Normalapproximation, bindungskorrigiert)</translation>
    </message>
    <message>
        <source>common-language effect size</source>
        <translation>Common-Language-Effektstärke</translation>
    </message>
    <message>
        <source>Cohen&apos;s d</source>
        <translation>Cohens d</translation>
    </message>
    <message>
        <source>a mean or standard deviation is missing or not a number</source>
        <translation>ein Mittelwert oder eine Standardabweichung fehlt oder ist keine Zahl</translation>
    </message>
    <message>
        <source>needs at least two observations in each variant</source>
        <translation>braucht mindestens zwei Beobachtungen je Variante</translation>
    </message>
    <message>
        <source>Welch&apos;s t-test</source>
        <translation>Welch-t-Test</translation>
    </message>
    <message>
        <source>Student&apos;s t-test</source>
        <translation>Student-t-Test</translation>
    </message>
    <message>
        <source>needs at least three observations, one in each variant</source>
        <translation>braucht mindestens drei Beobachtungen, mindestens eine je Variante</translation>
    </message>
    <message>
        <source>Pearson&apos;s chi-square test with Yates&apos; correction</source>
        <translation>Chi-Quadrat-Test nach Pearson mit Yates-Korrektur</translation>
    </message>
    <message>
        <source>Pearson&apos;s chi-square test</source>
        <translation>Chi-Quadrat-Test nach Pearson</translation>
    </message>
    <message>
        <source>needs at least two variants and two outcomes</source>
        <translation>braucht mindestens zwei Varianten und zwei Ausgänge</translation>
    </message>
    <message>
        <source>the rows of the table differ in length</source>
        <translation>die Zeilen der Tabelle sind unterschiedlich lang</translation>
    </message>
    <message>
        <source>a count is negative or not a number</source>
        <translation>eine Anzahl ist negativ oder keine Zahl</translation>
    </message>
    <message>
        <source>a variant or an outcome has no observations</source>
        <translation>eine Variante oder ein Ausgang hat keine Beobachtungen</translation>
    </message>
    <message>
        <source>Cramér&apos;s V</source>
        <translation>Cramérs V</translation>
    </message>
    <message>
        <source>two-proportion z-test</source>
        <translation>z-Test für zwei Anteile</translation>
    </message>
    <message>
        <source>a count is negative, not a number or above its total</source>
        <translation>eine Anzahl ist negativ, keine Zahl oder größer als ihre Gesamtzahl</translation>
    </message>
    <message>
        <source>a variant has no visits yet</source>
        <translation>eine Variante hat noch keine Besuche</translation>
    </message>
    <message>
        <source>no variation yet: every visit had the same outcome</source>
        <translation>noch keine Streuung: jeder Besuch hatte dasselbe Ergebnis</translation>
    </message>
    <message>
        <source>Cohen&apos;s h</source>
        <translation>Cohens h</translation>
    </message>
    <message>
        <source>relative lift (log risk ratio)</source>
        <translation>relativer Lift (logarithmiertes Risikoverhältnis)</translation>
    </message>
    <message>
        <source>a variant has no conversions yet</source>
        <translation>eine Variante hat noch keine Conversions</translation>
    </message>
    <message>
        <source>chi-square goodness-of-fit test of the split</source>
        <translation>Chi-Quadrat-Anpassungstest der Aufteilung</translation>
    </message>
    <message>
        <source>needs the visits and the weight of every variant</source>
        <translation>braucht die Besuche und das Gewicht jeder Variante</translation>
    </message>
    <message>
        <source>a visit count or weight is negative or missing</source>
        <translation>eine Besuchszahl oder ein Gewicht ist negativ oder fehlt</translation>
    </message>
    <message>
        <source>no visits yet</source>
        <translation>noch keine Besuche</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <source>data are identical</source>
        <translation>Daten sind identisch</translation>
    </message>
    <message>
        <source>Metric Classification Failed</source>
        <translation>Klassifizierung der Metrik fehlgeschlagen</translation>
    </message>
    <message>
        <source>Canary Failed: %1 is %2 and critical</source>
        <translation>Canary fehlgeschlagen: %1 ist %2 und kritisch</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>without data</source>
        <translation>ohne Daten</translation>
    </message>
    <message>
        <source>Canary Failed: %1 of %2 metrics have no data</source>
        <translation>Canary fehlgeschlagen: %1 von %2 Metriken haben keine Daten</translation>
    </message>
    <message>
        <source>HL estimate, %1 % CI %2–%3</source>
        <translation>HL-Schätzer, %1-%-KI %2–%3</translation>
    </message>
    <message>
        <source>%1: canary higher by %2 (%3), above the allowed increase → High</source>
        <translation>%1: Canary um %2 höher (%3), über dem erlaubten Anstieg → High</translation>
    </message>
    <message>
        <source>%1: canary lower by %2 (%3), below the allowed decrease → Low</source>
        <translation>%1: Canary um %2 niedriger (%3), unter dem erlaubten Rückgang → Low</translation>
    </message>
    <message>
        <source>%1: %2 → Pass</source>
        <translation>%1: %2 → Pass</translation>
    </message>
    <message>
        <source>one value</source>
        <translation>ein einziger Wert</translation>
    </message>
    <message>
        <source>%1: difference %2 (%3), within what is allowed → Pass</source>
        <translation>%1: Unterschied %2 (%3), im erlaubten Rahmen → Pass</translation>
    </message>
    <message>
        <source>%1: no data → %2</source>
        <translation>%1: keine Daten → %2</translation>
    </message>
    <message>
        <source>Nodata</source>
        <translation>Nodata</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>%1: %2 → Error</source>
        <translation>%1: %2 → Error</translation>
    </message>
    <message>
        <source>%1: not enough data (%2)</source>
        <translation>%1: nicht genug Daten (%2)</translation>
    </message>
    <message>
        <source>%1: do not trust: sample-ratio mismatch, p = %2</source>
        <translation>%1: nicht vertrauen: die Aufteilung weicht ab (Sample Ratio Mismatch), p = %2</translation>
    </message>
    <message>
        <source>enough data</source>
        <translation>genug Daten</translation>
    </message>
    <message>
        <source>always-valid p = %1</source>
        <translation>jederzeit gültiges p = %1</translation>
    </message>
    <message>
        <source>%1 is better on %2 (%3), %4</source>
        <translation>%1 ist besser bei %2 (%3), %4</translation>
    </message>
    <message>
        <source>%1 is worse on %2 (%3), %4</source>
        <translation>%1 ist schlechter bei %2 (%3), %4</translation>
    </message>
    <message>
        <source>%1: keep running: %2 of the planned sample</source>
        <translation>%1: weiterlaufen lassen: %2 der geplanten Stichprobe</translation>
    </message>
    <message>
        <source>%1: no significant difference yet (p = %2); give a minimum effect to plan the sample</source>
        <translation>%1: noch kein signifikanter Unterschied (p = %2); einen Mindesteffekt angeben, um die Stichprobe zu planen</translation>
    </message>
    <message>
        <source>%1: no difference found at the planned sample (p = %2)</source>
        <translation>%1: beim geplanten Stichprobenumfang kein Unterschied gefunden (p = %2)</translation>
    </message>
    <message>
        <source>conversion</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <source>two-proportion z-test: each visit converts or not (the chi-square test without Yates&apos; correction gives the same p-value; with it, a more cautious one)</source>
        <translation>z-Test für zwei Anteile: jeder Besuch konvertiert oder nicht (der Chi-Quadrat-Test ohne Yates-Korrektur ergibt denselben p-Wert, mit ihr einen vorsichtigeren)</translation>
    </message>
    <message>
        <source>%1, CI %2 … %3</source>
        <translation>%1, KI %2 … %3</translation>
    </message>
    <message>
        <source>Welch&apos;s t-test: it does not assume both versions vary alike</source>
        <translation>Welch-t-Test: er setzt nicht voraus, dass beide Versionen gleich streuen</translation>
    </message>
    <message>
        <source>; Mann-Whitney U and the Hodges-Lehmann shift for skewed data such as latencies</source>
        <translation>; Mann-Whitney-U und die Hodges-Lehmann-Verschiebung für schiefe Daten wie Latenzen</translation>
    </message>
    <message>
        <source>do not trust: sample-ratio mismatch, p = %1</source>
        <translation>nicht vertrauen: die Aufteilung weicht ab (Sample Ratio Mismatch), p = %1</translation>
    </message>
    <message>
        <source>no metrics to judge</source>
        <translation>keine Metriken zu beurteilen</translation>
    </message>
    <message>
        <source>the values are too large to compute with (%1 … %2)</source>
        <translation>die Werte sind zu groß zum Rechnen (%1 … %2)</translation>
    </message>
</context>
<context>
    <name>StatusCommand</name>
    <message>
        <source>List Argo Rollouts live from the clusters, those needing attention first. Exit status: 0 nothing needs attention, 1 something does, 2 usage or connection errors.</source>
        <translation>Listet Argo Rollouts live aus den Clustern auf, die mit Handlungsbedarf zuerst. Exit-Status: 0 kein Handlungsbedarf, 1 Handlungsbedarf, 2 Aufruf- oder Verbindungsfehler.</translation>
    </message>
    <message>
        <source>Path to the kubeconfig file to use.</source>
        <translation>Pfad zur zu verwendenden kubeconfig-Datei.</translation>
    </message>
    <message>
        <source>Kubeconfig context to use; may be repeated.</source>
        <translation>Zu verwendender kubeconfig-Kontext; mehrfach angebbar.</translation>
    </message>
    <message>
        <source>Use every kubeconfig context.</source>
        <translation>Alle kubeconfig-Kontexte verwenden.</translation>
    </message>
    <message>
        <source>Namespace to list (default: the context&apos;s namespace).</source>
        <translation>Aufzulistender Namespace (Standard: der Namespace des Kontexts).</translation>
    </message>
    <message>
        <source>List rollouts in all namespaces.</source>
        <translation>Rollouts in allen Namespaces auflisten.</translation>
    </message>
    <message>
        <source>After listing, print each change as it arrives.</source>
        <translation>Nach dem Auflisten jede Änderung ausgeben, sobald sie eintrifft.</translation>
    </message>
    <message>
        <source>Write JSON (JSON Lines with --watch).</source>
        <translation>JSON ausgeben (JSON Lines mit --watch).</translation>
    </message>
    <message>
        <source>Seconds to wait for the clusters before giving up (default 30).</source>
        <translation>Sekunden, die auf die Cluster gewartet wird, bevor abgebrochen wird (Standard 30).</translation>
    </message>
    <message>
        <source>Log connection details (retries, re-lists) to stderr.</source>
        <translation>Verbindungsdetails (Wiederholungen, erneutes Listen) auf stderr protokollieren.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1
</source>
        <translation>Unerwartetes Argument: %1
</translation>
    </message>
    <message>
        <source>--context and --all-contexts exclude each other.
</source>
        <translation>--context und --all-contexts schließen sich gegenseitig aus.
</translation>
    </message>
    <message>
        <source>-n and -A exclude each other.
</source>
        <translation>-n und -A schließen sich gegenseitig aus.
</translation>
    </message>
    <message>
        <source>--timeout needs a positive number of seconds.
</source>
        <translation>--timeout erwartet eine positive Anzahl Sekunden.
</translation>
    </message>
    <message>
        <source>kubeconfig: %1
</source>
        <translation>kubeconfig: %1
</translation>
    </message>
    <message>
        <source>No context: the kubeconfig sets no current-context; use --context or --all-contexts.
</source>
        <translation>Kein Kontext: die kubeconfig setzt keinen current-context; verwenden Sie --context oder --all-contexts.
</translation>
    </message>
    <message>
        <source>Context &quot;%1&quot; is not in the kubeconfig (or is unusable).
</source>
        <translation>Kontext „%1“ ist nicht in der kubeconfig (oder nicht verwendbar).
</translation>
    </message>
    <message>
        <source>No usable kubeconfig context.
</source>
        <translation>Kein verwendbarer kubeconfig-Kontext.
</translation>
    </message>
    <message>
        <source>Workspace file: list its environments&apos; contexts and namespaces (default: the default workspace file when --env is given).</source>
        <translation>Workspace-Datei: die Kontexte und Namespaces ihrer Umgebungen auflisten (Standard: die Standard-Workspace-Datei, wenn --env angegeben ist).</translation>
    </message>
    <message>
        <source>Only this environment of the workspace; may be repeated.</source>
        <translation>Nur diese Umgebung des Workspace; mehrfach angebbar.</translation>
    </message>
    <message>
        <source>--workspace/--env choose the contexts and namespaces; leave out --context, --all-contexts, -n and -A.
</source>
        <translation>--workspace/--env wählen die Kontexte und Namespaces; lassen Sie --context, --all-contexts, -n und -A weg.
</translation>
    </message>
    <message>
        <source>Environment &quot;%1&quot; is not in the workspace.
</source>
        <translation>Umgebung „%1“ ist nicht im Workspace.
</translation>
    </message>
    <message>
        <source>%1: ReplicaSets unavailable (%2); actual weights may be incomplete
</source>
        <translation>%1: ReplicaSets nicht verfügbar (%2); Ist-Gewichte sind möglicherweise unvollständig
</translation>
    </message>
    <message>
        <source>timed out waiting for the cluster (%1)</source>
        <translation>Zeitüberschreitung beim Warten auf den Cluster (%1)</translation>
    </message>
    <message>
        <source>%1: %2
</source>
        <translation>%1: %2
</translation>
    </message>
    <message>
        <source>No rollouts found.
</source>
        <translation>Keine Rollouts gefunden.
</translation>
    </message>
    <message>
        <source>CONTEXT</source>
        <translation>CONTEXT</translation>
    </message>
    <message>
        <source>NAMESPACE</source>
        <translation>NAMESPACE</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>STEP</translation>
    </message>
    <message>
        <source>SET-WEIGHT</source>
        <translation>SET-WEIGHT</translation>
    </message>
    <message>
        <source>ACTUAL-WEIGHT</source>
        <translation>ACTUAL-WEIGHT</translation>
    </message>
    <message>
        <source>READY</source>
        <translation>READY</translation>
    </message>
    <message>
        <source>MESSAGE</source>
        <translation>MESSAGE</translation>
    </message>
    <message>
        <source>%1 %2 %3/%4 deleted
</source>
        <translation>%1 %2 %3/%4 gelöscht
</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>weight %1/%2</source>
        <translation>Gewicht %1/%2</translation>
    </message>
    <message>
        <source>ready %1</source>
        <translation>bereit %1</translation>
    </message>
    <message>
        <source>%1 ! %2 %3
</source>
        <translation>%1 ! %2 %3
</translation>
    </message>
    <message>
        <source>%1 %2 live again
</source>
        <translation>%1 %2 wieder live
</translation>
    </message>
    <message>
        <source>timed out waiting for the credentials: %1</source>
        <translation>Zeitüberschreitung beim Warten auf die Anmeldedaten: %1</translation>
    </message>
    <message>
        <source>Nothing could be read: no cluster answered.
</source>
        <translation>Nichts konnte gelesen werden: kein Cluster hat geantwortet.
</translation>
    </message>
    <message numerus="yes">
        <source>No rollouts found in the clusters that answered; %n could not be read.
</source>
        <translation>
            <numerusform>Keine Rollouts in den Clustern gefunden, die geantwortet haben; %n konnte nicht gelesen werden.
</numerusform>
            <numerusform>Keine Rollouts in den Clustern gefunden, die geantwortet haben; %n konnten nicht gelesen werden.
</numerusform>
        </translation>
    </message>
    <message>
        <source>-n: &quot;%1&quot; is not a namespace name (lowercase letters, digits and &apos;-&apos;, at most 63 characters).
</source>
        <translation>-n: „%1“ ist kein Namespace-Name (Kleinbuchstaben, Ziffern und &apos;-&apos;, höchstens 63 Zeichen).
</translation>
    </message>
    <message>
        <source>%1: warning: %2
</source>
        <translation>%1: Warnung: %2
</translation>
    </message>
</context>
<context>
    <name>WorkspaceProblems</name>
    <message>
        <source>Some keychain entries the workspace refers to are missing or cannot be read:</source>
        <translation>Einige Schlüsselbund-Einträge, auf die der Arbeitsbereich verweist, fehlen oder sind nicht lesbar:</translation>
    </message>
</context>
<context>
    <name>WorkspaceSecrets</name>
    <message>
        <source>Argo CD at %1</source>
        <translation>Argo CD unter %1</translation>
    </message>
    <message>
        <source>Prometheus at %1</source>
        <translation>Prometheus unter %1</translation>
    </message>
    <message>
        <source>%1: %2 needs the keychain entry &quot;%3&quot;, which is missing; set it with: rolldeck credential set %3</source>
        <translation>%1: %2 braucht den Schlüsselbund-Eintrag „%3“, der fehlt; anlegen mit: rolldeck credential set %3</translation>
    </message>
    <message>
        <source>%1: %2 needs the keychain entry &quot;%3&quot;: %4</source>
        <translation>%1: %2 braucht den Schlüsselbund-Eintrag „%3“: %4</translation>
    </message>
</context>
<context>
    <name>rolldeck::ActionBar</name>
    <message>
        <source>Promote</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Promote full</source>
        <translation>Ganz freigeben</translation>
    </message>
    <message>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Undo…</source>
        <translation>Zurück…</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>No rollout is open.</source>
        <translation>Kein Rollout ist geöffnet.</translation>
    </message>
    <message>
        <source>No earlier revision to go back to.</source>
        <translation>Keine frühere Revision, zu der man zurückkehren könnte.</translation>
    </message>
</context>
<context>
    <name>rolldeck::ActionController</name>
    <message>
        <source>Fully promote %1 in %2: skip the remaining steps, pauses and analyses</source>
        <translation>%1 in %2 ganz freigeben: die übrigen Schritte, Pausen und Analysen überspringen</translation>
    </message>
    <message>
        <source>Promote %1 in %2: the preview (revision %3) becomes active</source>
        <translation>%1 in %2 freigeben: die Vorschau (Revision %3) wird aktiv</translation>
    </message>
    <message>
        <source>Promote %1 in %2 from step %3/%4 (%5 %) to the end (100 %)</source>
        <translation>%1 in %2 von Schritt %3/%4 (%5 %) bis zum Ende (100 %) freigeben</translation>
    </message>
    <message>
        <source>Promote %1 in %2 from step %3/%4 (%5 %) to step %6 (%7 %)</source>
        <translation>%1 in %2 von Schritt %3/%4 (%5 %) zu Schritt %6 (%7 %) freigeben</translation>
    </message>
    <message>
        <source>Abort the update of %1 in %2: all traffic goes back to the stable version</source>
        <translation>Das Update von %1 in %2 abbrechen: der ganze Verkehr geht zurück an die stabile Version</translation>
    </message>
    <message>
        <source>Retry the aborted update of %1 in %2 from its first step</source>
        <translation>Das abgebrochene Update von %1 in %2 ab dem ersten Schritt wiederholen</translation>
    </message>
    <message>
        <source>Roll %1 in %2 back to revision %3</source>
        <translation>%1 in %2 auf Revision %3 zurücksetzen</translation>
    </message>
    <message>
        <source>Restart every pod of %1 in %2</source>
        <translation>Alle Pods von %1 in %2 neu starten</translation>
    </message>
    <message>
        <source>Pause %1 in %2 where it is</source>
        <translation>%1 in %2 an der jetzigen Stelle anhalten</translation>
    </message>
    <message>
        <source>%1 is not allowed in %2 by the workspace&apos;s policy.</source>
        <translation>%1 ist in %2 nach den Regeln des Workspace nicht erlaubt.</translation>
    </message>
    <message>
        <source>Not connected to %1: nothing was sent.</source>
        <translation>Nicht mit %1 verbunden: nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>An action on this rollout is in flight.</source>
        <translation>Eine Aktion auf diesem Rollout läuft gerade.</translation>
    </message>
    <message>
        <source>%1 %2: sending…</source>
        <translation>%1 %2: wird gesendet …</translation>
    </message>
    <message>
        <source>%1: nothing to change (%2)</source>
        <translation>%1: nichts zu ändern (%2)</translation>
    </message>
    <message>
        <source>%1: applied%2</source>
        <translation>%1: ausgeführt%2</translation>
    </message>
    <message>
        <source>%1: refused (%2): %3</source>
        <translation>%1: abgelehnt (%2): %3</translation>
    </message>
    <message>
        <source>%1: failed (HTTP %2): %3</source>
        <translation>%1: fehlgeschlagen (HTTP %2): %3</translation>
    </message>
    <message>
        <source>%1: OUTCOME UNKNOWN: the request may or may not have reached the cluster (%2). Check the rollout, then acknowledge it with `rolldeck audit ack`.</source>
        <translation>%1: ERGEBNIS UNBEKANNT: die Anfrage hat den Cluster vielleicht erreicht, vielleicht nicht (%2). Prüfen Sie den Rollout und bestätigen Sie es dann mit `rolldeck audit ack`.</translation>
    </message>
    <message>
        <source>%1: not sent: the rollout changed (%2) and the action no longer applies.</source>
        <translation>%1: nicht gesendet: der Rollout hat sich geändert (%2), und die Aktion passt nicht mehr.</translation>
    </message>
    <message>
        <source>read-only context: no patch on %1</source>
        <translation>Kontext nur lesend: kein patch auf %1</translation>
    </message>
    <message>
        <source>not permitted: no patch on %1 in namespace %2</source>
        <translation>nicht erlaubt: kein patch auf %1 im Namespace %2</translation>
    </message>
    <message>
        <source>promote %1 to step %2</source>
        <translation>%1 bis Schritt %2 freigeben</translation>
    </message>
    <message numerus="yes">
        <source>%1: stopped after %n promote(s): another rollout was opened.</source>
        <translation>
            <numerusform>%1: nach %n Freigabe angehalten: ein anderer Rollout wurde geöffnet.</numerusform>
            <numerusform>%1: nach %n Freigaben angehalten: ein anderer Rollout wurde geöffnet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: stopped after %n promote(s): the rollout is %2.</source>
        <translation>
            <numerusform>%1: nach %n Freigabe angehalten: der Rollout ist %2.</numerusform>
            <numerusform>%1: nach %n Freigaben angehalten: der Rollout ist %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message numerus="yes">
        <source>%1: reached (weight %2 %) after %n promote(s)</source>
        <translation>
            <numerusform>%1: erreicht (Gewicht %2 %) nach %n Freigabe</numerusform>
            <numerusform>%1: erreicht (Gewicht %2 %) nach %n Freigaben</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 promotes, each sent when the controller pauses on the way and recorded on its own</source>
        <translation>%1: %2 Freigaben, jede gesendet, wenn der Controller unterwegs anhält, und einzeln festgehalten</translation>
    </message>
    <message>
        <source>promote %1 to step %2: promote %3 applied, waiting for the controller</source>
        <translation>%1 bis Schritt %2 freigeben: Freigabe %3 ausgeführt, warte auf den Controller</translation>
    </message>
    <message>
        <source>%1: the promote to the chosen step stopped: %2</source>
        <translation>%1: die Freigabe bis zum gewählten Schritt wurde angehalten: %2</translation>
    </message>
    <message>
        <source>Skip the current step of %1 in %2</source>
        <translation>Den aktuellen Schritt von %1 in %2 überspringen</translation>
    </message>
    <message>
        <source>%1 %2 % → %3 %</source>
        <translation>%1 %2 % → %3 %</translation>
    </message>
    <message>
        <source>Set the split of %1 in %2: %3</source>
        <translation>Aufteilung von %1 in %2 setzen: %3</translation>
    </message>
    <message>
        <source>set the split of %1: sending…</source>
        <translation>Aufteilung von %1 setzen: wird gesendet …</translation>
    </message>
    <message>
        <source>Split of %1: nothing to change (%2)</source>
        <translation>Aufteilung von %1: nichts zu ändern (%2)</translation>
    </message>
    <message>
        <source>Split of %1 set: %2</source>
        <translation>Aufteilung von %1 gesetzt: %2</translation>
    </message>
    <message>
        <source>Split of %1 not sent: the route changed since it was shown (%2). Look at the split as it is now and edit it again.</source>
        <translation>Aufteilung von %1 nicht gesendet: Die Route hat sich geändert, seit sie angezeigt wurde (%2). Sehen Sie sich die Aufteilung an, wie sie jetzt ist, und bearbeiten Sie sie erneut.</translation>
    </message>
    <message>
        <source>Split of %1 refused (%2): %3</source>
        <translation>Aufteilung von %1 abgelehnt (%2): %3</translation>
    </message>
    <message>
        <source>Split of %1 failed (HTTP %2): %3</source>
        <translation>Aufteilung von %1 fehlgeschlagen (HTTP %2): %3</translation>
    </message>
    <message>
        <source>Split of %1: OUTCOME UNKNOWN: the request may or may not have reached the cluster (%2). Check the route, then acknowledge it with `rolldeck audit ack`.</source>
        <translation>Aufteilung von %1: ERGEBNIS UNBEKANNT: Die Anfrage hat den Cluster vielleicht erreicht, vielleicht nicht (%2). Prüfen Sie die Route und bestätigen Sie es dann mit `rolldeck audit ack`.</translation>
    </message>
    <message>
        <source>%1 acts through Argo CD at %2, which is not connected: nothing was sent.</source>
        <translation>%1 handelt über Argo CD unter %2, das nicht verbunden ist: nichts wurde gesendet.</translation>
    </message>
</context>
<context>
    <name>rolldeck::AlertsPanel</name>
    <message>
        <source>Alerts (%1)</source>
        <translation>Alarme (%1)</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Prometheus: %1</source>
        <translation>Prometheus: %1</translation>
    </message>
    <message>
        <source>Alertmanager: %1</source>
        <translation>Alertmanager: %1</translation>
    </message>
    <message>
        <source>No firing or pending alerts for this rollout.</source>
        <translation>Keine ausgelösten oder ausstehenden Alarme für diesen Rollout.</translation>
    </message>
</context>
<context>
    <name>rolldeck::ApplicationModel</name>
    <message>
        <source>%1 (auto-sync)</source>
        <translation>%1 (Auto-Sync)</translation>
    </message>
    <message>
        <source>%1 by auto-sync</source>
        <translation>%1 durch Auto-Sync</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 durch %2</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzter Sync</translation>
    </message>
    <message>
        <source>%1 (head %2)</source>
        <translation>%1 (Head %2)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Argo CD at %1: %2</source>
        <translation>Argo CD unter %1: %2</translation>
    </message>
</context>
<context>
    <name>rolldeck::ApplicationsView</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Deployed</source>
        <translation>Ausgerollt</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Auto-sync is on: Argo CD refuses a rollback here, because it would sync straight back to the branch. Turn auto-sync off, then roll back; or revert the change in Git.</source>
        <translation>Auto-Sync ist an: Argo CD lehnt hier ein Zurückrollen ab, weil es sofort wieder auf den Branch synchronisieren würde. Schalten Sie Auto-Sync aus und rollen Sie dann zurück, oder machen Sie die Änderung in Git rückgängig.</translation>
    </message>
    <message>
        <source>&amp;Sync…</source>
        <translation>&amp;Synchronisieren…</translation>
    </message>
    <message>
        <source>&amp;Roll back to the selected revision…</source>
        <translation>Auf die gewählte Revision &amp;zurückrollen…</translation>
    </message>
    <message>
        <source>&amp;Terminate the operation…</source>
        <translation>Vorgang &amp;abbrechen…</translation>
    </message>
    <message>
        <source>Turn auto-sync &amp;off…</source>
        <translation>Auto-Sync aus&amp;schalten…</translation>
    </message>
    <message>
        <source>Argo CD: %1</source>
        <translation>Argo CD: %1</translation>
    </message>
    <message>
        <source>%1 (deployed)</source>
        <translation>%1 (ausgerollt)</translation>
    </message>
    <message>
        <source>auto-sync</source>
        <translation>Auto-Sync</translation>
    </message>
    <message>
        <source>Choose an application</source>
        <translation>Wählen Sie eine Anwendung</translation>
    </message>
    <message>
        <source>%1 (project %2, namespace %3)</source>
        <translation>%1 (Projekt %2, Namespace %3)</translation>
    </message>
    <message>
        <source>%1, %2 at %3</source>
        <translation>%1, %2 bei %3</translation>
    </message>
    <message>
        <source>Last operation: %1 %2</source>
        <translation>Letzter Vorgang: %1 %2</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>Images: %1</translation>
    </message>
    <message>
        <source>&amp;Diff against Git…</source>
        <translation>&amp;Diff gegen Git…</translation>
    </message>
    <message>
        <source>What Argo CD compares: each resource&apos;s live state against what Git wants</source>
        <translation>Was Argo CD vergleicht: den Live-Zustand jeder Ressource mit dem, was Git vorgibt</translation>
    </message>
    <message>
        <source>%1, %2: %3 deployed, the branch&apos;s head is %4</source>
        <translation>%1, %2: %3 bereitgestellt, der Head des Branches ist %4</translation>
    </message>
    <message>
        <source>Argo CD at %1: %2</source>
        <translation>Argo CD unter %1: %2</translation>
    </message>
    <message>
        <source>%1 (project %2, namespace %3) on Argo CD at %4</source>
        <translation>%1 (Projekt %2, Namespace %3) auf Argo CD unter %4</translation>
    </message>
</context>
<context>
    <name>rolldeck::ArgoCdConnector</name>
    <message>
        <source>Argo CD at %1: no credential any more; disconnected</source>
        <translation>Argo CD unter %1: keine Zugangsdaten mehr; getrennt</translation>
    </message>
</context>
<context>
    <name>rolldeck::ArgoCdController</name>
    <message>
        <source>Argo CD applications — Rolldeck</source>
        <translation>Argo-CD-Anwendungen — Rolldeck</translation>
    </message>
    <message>
        <source>No Argo CD is configured: the workspace names no Argo CD server with a token.</source>
        <translation>Kein Argo CD eingerichtet: Der Workspace nennt keinen Argo-CD-Server mit Token.</translation>
    </message>
    <message>
        <source>Environments matrix — Rolldeck</source>
        <translation>Umgebungsmatrix — Rolldeck</translation>
    </message>
    <message>
        <source>Sync %1 (%2) to the head of its branch</source>
        <translation>%1 (%2) auf den Stand seines Branches synchronisieren</translation>
    </message>
    <message>
        <source>Roll %1 (%2) back to history entry %3 (revision %4)</source>
        <translation>%1 (%2) auf Verlaufseintrag %3 (Revision %4) zurückrollen</translation>
    </message>
    <message>
        <source>Terminate the running operation of %1 (%2)</source>
        <translation>Den laufenden Vorgang von %1 (%2) abbrechen</translation>
    </message>
    <message>
        <source>Turn auto-sync off for %1 (%2): Argo CD stops deploying new commits until it is turned on again</source>
        <translation>Auto-Sync für %1 (%2) ausschalten: Argo CD rollt keine neuen Commits mehr aus, bis es wieder eingeschaltet wird</translation>
    </message>
    <message>
        <source>revision %1, %2, %3</source>
        <translation>Revision %1, %2, %3</translation>
    </message>
    <message>
        <source>auto-sync on</source>
        <translation>Auto-Sync an</translation>
    </message>
    <message>
        <source>auto-sync off</source>
        <translation>Auto-Sync aus</translation>
    </message>
    <message>
        <source>%1 %2: sending…</source>
        <translation>%1 %2: wird gesendet…</translation>
    </message>
    <message>
        <source>%1 %2: done, recorded in the audit log</source>
        <translation>%1 %2: erledigt, im Audit-Log vermerkt</translation>
    </message>
    <message>
        <source>%1 %2 was not done: %3</source>
        <translation>%1 %2 wurde nicht ausgeführt: %3</translation>
    </message>
    <message>
        <source>What you can do: %1.</source>
        <translation>Was Sie tun können: %1.</translation>
    </message>
    <message>
        <source>%1 %2: dry run only, nothing was changed; recorded in the audit log</source>
        <translation>%1 %2: nur Probelauf, nichts wurde geändert; im Audit-Log vermerkt</translation>
    </message>
    <message>
        <source>%1 %2 was refused by Argo CD: your Argo CD account may not do this in project %3. Ask an Argo CD administrator for the permission, or someone who has it.</source>
        <translation>%1 %2 wurde von Argo CD abgelehnt: Ihr Argo-CD-Konto darf dies im Projekt %3 nicht. Bitten Sie einen Argo-CD-Administrator um die Berechtigung oder jemanden, der sie hat.</translation>
    </message>
    <message>
        <source>Sync %1 (%2) to revision %3</source>
        <translation>%1 (%2) auf Revision %3 synchronisieren</translation>
    </message>
    <message>
        <source>only %1 of %2 resources: %3</source>
        <translation>nur %1 von %2 Ressourcen: %3</translation>
    </message>
    <message>
        <source>deleting resources no longer in Git (prune)</source>
        <translation>Ressourcen löschen, die nicht mehr in Git sind (Prune)</translation>
    </message>
    <message>
        <source>as a dry run: nothing will change</source>
        <translation>als Probelauf: nichts wird geändert</translation>
    </message>
    <message>
        <source>Reading what Argo CD compares for %1…</source>
        <translation>Lese, was Argo CD für %1 vergleicht…</translation>
    </message>
    <message>
        <source>The diff of %1 could not be read: %2</source>
        <translation>Der Diff von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The diff of %1 could not be read: GET /api/v1/applications/%1/managed-resources answered with %2</source>
        <translation>Der Diff von %1 konnte nicht gelesen werden: GET /api/v1/applications/%1/managed-resources antwortete mit %2</translation>
    </message>
    <message>
        <source>%1, on Argo CD at %2</source>
        <translation>%1, auf Argo CD unter %2</translation>
    </message>
    <message>
        <source>%1 %2 was not sent: Argo CD at %3 is no longer connected.</source>
        <translation>%1 %2 wurde nicht gesendet: Argo CD unter %3 ist nicht mehr verbunden.</translation>
    </message>
</context>
<context>
    <name>rolldeck::AttentionQueueView</name>
    <message>
        <source>Needs a person</source>
        <translation>Braucht einen Menschen</translation>
    </message>
    <message>
        <source>Needs a person
%1</source>
        <translation>Braucht einen Menschen
%1</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 seit %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>rolldeck::AuditController</name>
    <message>
        <source>The acknowledgement could not be recorded: %1</source>
        <translation>Die Bestätigung konnte nicht festgehalten werden: %1</translation>
    </message>
</context>
<context>
    <name>rolldeck::AuditLogModel</name>
    <message>
        <source>unknown, acknowledged</source>
        <translation>unbekannt, bestätigt</translation>
    </message>
    <message>
        <source>UNKNOWN: check and acknowledge</source>
        <translation>UNBEKANNT: prüfen und bestätigen</translation>
    </message>
    <message>
        <source>refused (%1)</source>
        <translation>abgelehnt (%1)</translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation>nichts zu ändern</translation>
    </message>
    <message>
        <source>%1
Acknowledged: %2</source>
        <translation>%1
Bestätigt: %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Handelnde Person</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Verb</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>rolldeck::AuditView</name>
    <message>
        <source>Audit log</source>
        <translation>Audit-Log</translation>
    </message>
    <message>
        <source>Filter: actor, environment, rollout, verb, reason…</source>
        <translation>Filter: Person, Umgebung, Rollout, Aktion, Begründung …</translation>
    </message>
    <message>
        <source>Every outcome</source>
        <translation>Jedes Ergebnis</translation>
    </message>
    <message>
        <source>Needs acknowledging</source>
        <translation>Zu bestätigen</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren …</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren …</translation>
    </message>
    <message>
        <source>The records as stored (JSON Lines): another machine can verify them with `rolldeck audit verify FILE`</source>
        <translation>Die Einträge wie gespeichert (JSON Lines): ein anderer Rechner kann sie mit `rolldeck audit verify DATEI` prüfen</translation>
    </message>
    <message>
        <source>What you found on the cluster (required to acknowledge)</source>
        <translation>Was Sie im Cluster vorgefunden haben (nötig zum Bestätigen)</translation>
    </message>
    <message>
        <source>Acknowledge the unknown outcome</source>
        <translation>Unbekanntes Ergebnis bestätigen</translation>
    </message>
    <message>
        <source>Verifying the hash chain…</source>
        <translation>Die Hash-Kette wird geprüft …</translation>
    </message>
    <message>
        <source>✔ Chain intact: %1 records verified, none edited, removed or reordered.</source>
        <translation>✔ Kette unversehrt: %1 Einträge geprüft, keiner geändert, entfernt oder umgestellt.</translation>
    </message>
    <message>
        <source>✖ CHAIN BROKEN: %1. The log was altered; the records after this point are not evidence.</source>
        <translation>✖ KETTE BESCHÄDIGT: %1. Das Log wurde verändert; die Einträge ab hier sind kein Beleg.</translation>
    </message>
    <message>
        <source>No actions recorded yet.</source>
        <translation>Noch keine Aktionen festgehalten.</translation>
    </message>
    <message>
        <source>Records that you checked what became of this action (as `rolldeck audit ack`)</source>
        <translation>Hält fest, dass Sie geprüft haben, was aus dieser Aktion wurde (wie `rolldeck audit ack`)</translation>
    </message>
    <message>
        <source>Select an action whose outcome is unknown</source>
        <translation>Wählen Sie eine Aktion mit unbekanntem Ergebnis</translation>
    </message>
    <message>
        <source>Export the audit log as CSV</source>
        <translation>Das Audit-Log als CSV exportieren</translation>
    </message>
    <message>
        <source>Export the audit log as JSON Lines</source>
        <translation>Das Audit-Log als JSON Lines exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl *.json)</source>
        <translation>JSON Lines (*.jsonl *.json)</translation>
    </message>
    <message>
        <source>Actions with an unknown outcome: %1. The request may or may not have reached the cluster: check the rollout, then acknowledge it below with what you found.</source>
        <translation>Aktionen mit unbekanntem Ergebnis: %1. Die Anfrage hat den Cluster vielleicht erreicht, vielleicht nicht: Prüfen Sie den Rollout und bestätigen Sie dann unten, was Sie vorgefunden haben.</translation>
    </message>
</context>
<context>
    <name>rolldeck::BlueGreenSidesWidget</name>
    <message>
        <source>Active · all user traffic</source>
        <translation>Aktiv · der gesamte Nutzerverkehr</translation>
    </message>
    <message>
        <source>Preview · the new revision</source>
        <translation>Vorschau · die neue Revision</translation>
    </message>
    <message>
        <source>No ReplicaSet selected</source>
        <translation>Kein ReplicaSet ausgewählt</translation>
    </message>
    <message>
        <source>%1 (revision %2)</source>
        <translation>%1 (Revision %2)</translation>
    </message>
    <message>
        <source>%1 of %2 pods ready</source>
        <translation>%1 von %2 Pods bereit</translation>
    </message>
    <message>
        <source>No new revision waiting: preview and active are the same</source>
        <translation>Keine neue Revision wartet: Vorschau und Aktiv sind gleich</translation>
    </message>
    <message>
        <source>Promotes automatically in %1</source>
        <translation>Wird in %1 automatisch freigegeben</translation>
    </message>
    <message>
        <source>Waits for a person to promote (auto-promotion off)</source>
        <translation>Wartet auf eine Freigabe durch einen Menschen (automatische Freigabe aus)</translation>
    </message>
    <message>
        <source>Promotes as soon as the preview is ready</source>
        <translation>Wird freigegeben, sobald die Vorschau bereit ist</translation>
    </message>
    <message>
        <source>old side scaled down %1 after the cutover</source>
        <translation>alte Seite wird %1 nach der Umschaltung herunterskaliert</translation>
    </message>
    <message>
        <source>(the delay has passed)</source>
        <translation>(die Frist ist abgelaufen)</translation>
    </message>
    <message>
        <source>(%1 left)</source>
        <translation>(noch %1)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Same as active</source>
        <translation>Wie Aktiv</translation>
    </message>
    <message>
        <source>Before promotion: %1</source>
        <translation>Vor der Freigabe: %1</translation>
    </message>
    <message>
        <source>After promotion: %1</source>
        <translation>Nach der Freigabe: %1</translation>
    </message>
</context>
<context>
    <name>rolldeck::CanaryJudgeSection</name>
    <message>
        <source>Pass</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Zu hoch</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Zu niedrig</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>No data (fails)</source>
        <translation>Keine Daten (durchgefallen)</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Canary judge</source>
        <translation>Canary-Richter</translation>
    </message>
    <message>
        <source>Marginal</source>
        <translation>Grenzwertig</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>Durchgefallen</translation>
    </message>
    <message>
        <source>score %1 of 100: %2</source>
        <translation>Punktzahl %1 von 100: %2</translation>
    </message>
    <message>
        <source>Kayenta&apos;s NetflixACAJudge on the charts&apos; stable and canary lines over the time both cover: Mann-Whitney at %1 % confidence with %2 % tolerance; Pass at %3, Marginal at %4.</source>
        <translation>Kayentas NetflixACAJudge auf den stabilen und den Canary-Linien der Diagramme über die Zeit, die beide abdecken: Mann-Whitney mit %1 % Konfidenz und %2 % Toleranz; bestanden ab %3, grenzwertig ab %4.</translation>
    </message>
    <message>
        <source> (critical)</source>
        <translation> (kritisch)</translation>
    </message>
    <message>
        <source> · canary points: %1</source>
        <translation> · Canary-Punkte: %1</translation>
    </message>
</context>
<context>
    <name>rolldeck::ClusterStatusLabel</name>
    <message>
        <source>⚠ %1 %2</source>
        <translation>⚠ %1 %2</translation>
    </message>
    <message>
        <source>● %1 live</source>
        <translation>● %1 aktuell</translation>
    </message>
    <message>
        <source>Data from a stale cluster is shown as it was last known.</source>
        <translation>Daten eines veralteten Clusters werden so gezeigt, wie sie zuletzt bekannt waren.</translation>
    </message>
</context>
<context>
    <name>rolldeck::CommandPalette</name>
    <message>
        <source>Go to a rollout or an environment…</source>
        <translation>Zu einem Rollout oder einer Umgebung springen…</translation>
    </message>
    <message>
        <source>Environment: %1</source>
        <translation>Umgebung: %1</translation>
    </message>
    <message>
        <source>%1  ·  %2  ·  %3</source>
        <translation>%1  ·  %2  ·  %3</translation>
    </message>
    <message>
        <source>Promote %1</source>
        <translation>%1 freigeben</translation>
    </message>
    <message>
        <source>Abort %1</source>
        <translation>%1 abbrechen</translation>
    </message>
    <message>
        <source>%1  ·  %2 (confirmation follows)</source>
        <translation>%1  ·  %2 (Bestätigung folgt)</translation>
    </message>
    <message>
        <source>Command: %1</source>
        <translation>Befehl: %1</translation>
    </message>
    <message>
        <source>Command: %1  ·  %2</source>
        <translation>Befehl: %1  ·  %2</translation>
    </message>
</context>
<context>
    <name>rolldeck::ConfirmActionDialog</name>
    <message>
        <source>Confirm action</source>
        <translation>Aktion bestätigen</translation>
    </message>
    <message>
        <source>The rollout changed since you looked: %1. Check the new state and confirm again.</source>
        <translation>Der Rollout hat sich geändert, seit Sie ihn angesehen haben: %1. Prüfen Sie den neuen Stand und bestätigen Sie erneut.</translation>
    </message>
    <message>
        <source>Based on: %1</source>
        <translation>Entschieden auf: %1</translation>
    </message>
    <message>
        <source>Required: why (goes into the audit log)</source>
        <translation>Pflicht: warum (kommt ins Audit-Log)</translation>
    </message>
    <message>
        <source>Optional: why (goes into the audit log)</source>
        <translation>Optional: warum (kommt ins Audit-Log)</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Begründung:</translation>
    </message>
    <message>
        <source>Type %1 to confirm:</source>
        <translation>Zur Bestätigung %1 eingeben:</translation>
    </message>
    <message>
        <source>Send (destructive)</source>
        <translation>Senden (destruktiv)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>rolldeck::ConnectionsDialog</name>
    <message>
        <source>Not tested</source>
        <translation>Nicht getestet</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet…</translation>
    </message>
    <message>
        <source>Works</source>
        <translation>Funktioniert</translation>
    </message>
    <message>
        <source>Fails</source>
        <translation>Schlägt fehl</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>The Argo CD and Prometheus servers Rolldeck talks to. Secrets go to the OS keychain; the connections file holds only references to them.</source>
        <translation>Die Argo-CD- und Prometheus-Server, mit denen Rolldeck spricht. Geheimnisse kommen in den Schlüsselbund des Betriebssystems; die Verbindungsdatei enthält nur Verweise darauf.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Keychain entry</source>
        <translation>Schlüsselbund-Eintrag</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Add a connection</source>
        <translation>Verbindung hinzufügen</translation>
    </message>
    <message>
        <source>production</source>
        <translation>produktion</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>A&amp;dresse:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>T&amp;oken:</translation>
    </message>
    <message>
        <source>Argo CD</source>
        <translation>Argo CD</translation>
    </message>
    <message>
        <source>Prometheus</source>
        <translation>Prometheus</translation>
    </message>
    <message>
        <source>https://argocd.example.com</source>
        <translation>https://argocd.example.com</translation>
    </message>
    <message>
        <source>https://prometheus.example.com</source>
        <translation>https://prometheus.example.com</translation>
    </message>
    <message>
        <source>An Argo CD API token. Leave it empty to use the token that &quot;rolldeck credential argocd login&quot; stored for this server.</source>
        <translation>Ein Argo-CD-API-Token. Leer lassen, um das Token zu verwenden, das „rolldeck credential argocd login“ für diesen Server gespeichert hat.</translation>
    </message>
    <message>
        <source>A bearer token, if this Prometheus needs one; else leave it empty.</source>
        <translation>Ein Bearer-Token, falls dieses Prometheus eines braucht; sonst leer lassen.</translation>
    </message>
    <message>
        <source>A connection needs a name and an address.</source>
        <translation>Eine Verbindung braucht einen Namen und eine Adresse.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Select a connection to test or remove it.</source>
        <translation>Wählen Sie eine Verbindung, um sie zu testen oder zu entfernen.</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: %3</source>
        <translation>%1 „%2“: %3</translation>
    </message>
    <message>
        <source>%1 &quot;%2&quot;: %3: %4</source>
        <translation>%1 „%2“: %3: %4</translation>
    </message>
    <message>
        <source>Te&amp;st</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>A&amp;dd and test</source>
        <translation>&amp;Hinzufügen und testen</translation>
    </message>
</context>
<context>
    <name>rolldeck::DemoCluster</name>
    <message>
        <source>Cannot create a temporary folder for the demo cluster: %1</source>
        <translation>Temporärer Ordner für den Demo-Cluster kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>The demo cluster did not start: %1</source>
        <translation>Der Demo-Cluster ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Prometheus was not started for this demo.</source>
        <translation>Prometheus wurde für diese Demo nicht gestartet.</translation>
    </message>
</context>
<context>
    <name>rolldeck::EnvironmentMatrixModel</name>
    <message numerus="yes">
        <source>%1 is %n revision(s) behind %2</source>
        <translation>
            <numerusform>%1 liegt %n Revision hinter %2</numerusform>
            <numerusform>%1 liegt %n Revisionen hinter %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 runs %2, %3 runs %4</source>
        <translation>%1 betreibt %2, %3 betreibt %4</translation>
    </message>
    <message>
        <source>rollout in progress (%1)</source>
        <translation>Rollout läuft (%1)</translation>
    </message>
    <message>
        <source>rollout at step %1 (%2)</source>
        <translation>Rollout bei Schritt %1 (%2)</translation>
    </message>
    <message>
        <source>%1 in %2 (application %3)</source>
        <translation>%1 in %2 (Anwendung %3)</translation>
    </message>
    <message>
        <source>Promotion path</source>
        <translation>Promotionspfad</translation>
    </message>
    <message numerus="yes">
        <source>%1 is %n revision(s) ahead of %2</source>
        <translation>
            <numerusform>%1 liegt %n Revision vor %2</numerusform>
            <numerusform>%1 liegt %n Revisionen vor %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 in %2 (application %3 on Argo CD at %4)</source>
        <translation>%1 in %2 (Anwendung %3 auf Argo CD unter %4)</translation>
    </message>
</context>
<context>
    <name>rolldeck::EnvironmentMatrixView</name>
    <message>
        <source>Each cell: revision and image, health and sync, a rollout in progress with its step. Open a cell (double-click or Enter) to see the rollout or the application.</source>
        <translation>Jede Zelle: Revision und Image, Zustand und Sync, ein laufender Rollout mit seinem Schritt. Öffnen Sie eine Zelle (Doppelklick oder Enter), um den Rollout oder die Anwendung zu sehen.</translation>
    </message>
    <message>
        <source>Argo CD: %1</source>
        <translation>Argo CD: %1</translation>
    </message>
    <message>
        <source>Argo CD at %1: %2</source>
        <translation>Argo CD unter %1: %2</translation>
    </message>
</context>
<context>
    <name>rolldeck::EnvironmentSidebar</name>
    <message>
        <source>All environments</source>
        <translation>Alle Umgebungen</translation>
    </message>
    <message>
        <source>%1 degraded</source>
        <translation>%1 beeinträchtigt</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 wartend</translation>
    </message>
    <message>
        <source>%1 progressing</source>
        <translation>%1 laufend</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>1 rollout, all calm</source>
        <translation>1 Rollout, alles ruhig</translation>
    </message>
    <message>
        <source>%1 rollouts, all calm</source>
        <translation>%1 Rollouts, alles ruhig</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>notify</source>
        <translation>melden</translation>
    </message>
    <message>
        <source>Notify me</source>
        <translation>Benachrichtigen</translation>
    </message>
    <message>
        <source>A desktop notification when a rollout in this environment newly needs attention</source>
        <translation>Eine Desktop-Benachrichtigung, wenn ein Rollout in dieser Umgebung neu Aufmerksamkeit braucht</translation>
    </message>
</context>
<context>
    <name>rolldeck::ExperimentDelegate</name>
    <message>
        <source>split %1 / %2, observed %3 / %4</source>
        <translation>Aufteilung %1 / %2, beobachtet %3 / %4</translation>
    </message>
    <message>
        <source>split %1 / %2, no visits yet</source>
        <translation>Aufteilung %1 / %2, noch keine Besuche</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>kein Plan</translation>
    </message>
    <message>
        <source>sample reached</source>
        <translation>Stichprobe erreicht</translation>
    </message>
</context>
<context>
    <name>rolldeck::ExperimentDetail</name>
    <message>
        <source>Edit split…</source>
        <translation>Aufteilung bearbeiten …</translation>
    </message>
    <message>
        <source>Change the weights of this test&apos;s route: confirmed, recorded in the audit log, and sent only if the route is still as shown</source>
        <translation>Die Gewichte der Route dieses Tests ändern: bestätigt, im Audit-Log festgehalten und nur gesendet, wenn die Route noch so ist wie angezeigt</translation>
    </message>
    <message>
        <source>Choose an A/B test on the left.</source>
        <translation>Wählen Sie links einen A/B-Test.</translation>
    </message>
    <message>
        <source>%1 · no VirtualService found for it</source>
        <translation>%1 · kein VirtualService dazu gefunden</translation>
    </message>
    <message>
        <source>%1 · VirtualService %2/%3, HTTP route %4 · %5</source>
        <translation>%1 · VirtualService %2/%3, HTTP-Route %4 · %5</translation>
    </message>
    <message>
        <source>read %1</source>
        <translation>gelesen %1</translation>
    </message>
    <message>
        <source>Cannot read this test: %1</source>
        <translation>Dieser Test ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Read the always-valid p-value (mSPRT) at any time; the fixed-horizon p-value only once the planned sample is reached.</source>
        <translation>Den jederzeit gültigen p-Wert (mSPRT) dürfen Sie immer lesen, den p-Wert mit festem Horizont erst, wenn die geplante Stichprobe erreicht ist.</translation>
    </message>
    <message>
        <source>Method: the always-valid p-values and confidence sequences come from a mixture sequential probability ratio test (mSPRT; Johari, Pekelis and Walsh, &quot;Always Valid Inference&quot;, 2017), tuned to the planned minimum effect. They stay valid however often they are looked at, so a test may stop as soon as they say so. A fixed-horizon p-value (z-test, t-test, Mann-Whitney U) holds only when read once, at the planned sample size: reading it along the way and stopping when it dips under 0.05 inflates false positives many times over.</source>
        <translation>Methode: Die jederzeit gültigen p-Werte und Konfidenzfolgen stammen aus einem sequenziellen Mischungs-Likelihood-Quotienten-Test (mSPRT; Johari, Pekelis und Walsh, „Always Valid Inference“, 2017), abgestimmt auf den geplanten Mindesteffekt. Sie bleiben gültig, wie oft man auch hinsieht; ein Test darf also enden, sobald sie es sagen. Ein p-Wert mit festem Horizont (z-Test, t-Test, Mann-Whitney-U) gilt nur, wenn er einmal gelesen wird, bei der geplanten Stichprobengröße: Wer ihn unterwegs liest und aufhört, sobald er unter 0,05 fällt, vervielfacht die falsch positiven Ergebnisse.</translation>
    </message>
    <message>
        <source>Traffic split</source>
        <translation>Verkehrsaufteilung</translation>
    </message>
    <message>
        <source>no visits yet</source>
        <translation>noch keine Besuche</translation>
    </message>
    <message>
        <source>configured</source>
        <translation>eingestellt</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>observed</source>
        <translation>beobachtet</translation>
    </message>
    <message>
        <source>%1 %2 (%3 visits)</source>
        <translation>%1 %2 (%3 Besuche)</translation>
    </message>
    <message>
        <source>Sample-ratio check: %1</source>
        <translation>Prüfung des Stichprobenverhältnisses: %1</translation>
    </message>
    <message>
        <source>Sample-ratio mismatch: χ² = %1, p = %2 (&lt; 0.001). The visits do not follow the configured split: something drops or misroutes one variant&apos;s traffic, and every result below is untrustworthy.</source>
        <translation>Stichprobenverhältnis passt nicht: χ² = %1, p = %2 (&lt; 0,001). Die Besuche folgen nicht der eingestellten Aufteilung: Etwas verliert oder leitet den Verkehr einer Variante falsch, und jedes Ergebnis darunter ist unzuverlässig.</translation>
    </message>
    <message>
        <source>Sample-ratio check passed: χ² = %1, p = %2; the visits follow the configured split.</source>
        <translation>Prüfung des Stichprobenverhältnisses bestanden: χ² = %1, p = %2; die Besuche folgen der eingestellten Aufteilung.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>No planned sample: give the test a minimum effect worth detecting to plan one.</source>
        <translation>Keine geplante Stichprobe: Geben Sie dem Test einen Mindesteffekt, der sich zu erkennen lohnt, um eine zu planen.</translation>
    </message>
    <message>
        <source>%1 of the planned sample (%2 for %3 and %4 for %5, for %6 at α = %7 and power %8)</source>
        <translation>%1 der geplanten Stichprobe (%2 für %3 und %4 für %5, für %6 bei α = %7 und Teststärke %8)</translation>
    </message>
    <message>
        <source>; planned sample reached</source>
        <translation>; geplante Stichprobe erreicht</translation>
    </message>
    <message>
        <source>; about %1 left at the current rate</source>
        <translation>; noch etwa %1 beim jetzigen Tempo</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Why this test: %1</source>
        <translation>Warum dieser Test: %1</translation>
    </message>
    <message>
        <source>%1: %2    %3: %4</source>
        <translation>%1: %2    %3: %4</translation>
    </message>
    <message>
        <source>Not enough data: %1</source>
        <translation>Zu wenig Daten: %1</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 Pp.</translation>
    </message>
    <message>
        <source>Difference %1 − %2: %3 (%4 % CI %5 … %6)</source>
        <translation>Unterschied %1 − %2: %3 (KI %4 %: %5 … %6)</translation>
    </message>
    <message>
        <source>Relative lift: %1 (CI %2 … %3)</source>
        <translation>Relativer Zuwachs: %1 (KI %2 … %3)</translation>
    </message>
    <message>
        <source>Effect size: %1 = %2</source>
        <translation>Effektstärke: %1 = %2</translation>
    </message>
    <message>
        <source>Always-valid p (mSPRT): %1</source>
        <translation>Jederzeit gültiges p (mSPRT): %1</translation>
    </message>
    <message>
        <source>Fixed-horizon p: %1 (the planned sample is reached: valid now)</source>
        <translation>p mit festem Horizont: %1 (die geplante Stichprobe ist erreicht: jetzt gültig)</translation>
    </message>
    <message>
        <source>Fixed-horizon p: %1 — not valid yet: only at the planned sample (%2 reached)</source>
        <translation>p mit festem Horizont: %1 — noch nicht gültig: erst bei der geplanten Stichprobe (%2 erreicht)</translation>
    </message>
    <message>
        <source>no plan</source>
        <translation>kein Plan</translation>
    </message>
    <message>
        <source>%1 p = %2</source>
        <translation>%1 p = %2</translation>
    </message>
    <message>
        <source>Also computed: %1</source>
        <translation>Außerdem berechnet: %1</translation>
    </message>
    <message>
        <source>line: %1 % CI (fixed horizon) · band: always-valid %1 % confidence sequence · dashed: no difference</source>
        <translation>Linie: KI %1 % (fester Horizont) · Band: jederzeit gültige Konfidenzfolge %1 % · gestrichelt: kein Unterschied</translation>
    </message>
</context>
<context>
    <name>rolldeck::ExperimentsView</name>
    <message>
        <source>A/B tests on routes no Rollout manages. Verdicts read the always-valid p-value of a mixture sequential probability ratio test (mSPRT), which may be looked at any time; the fixed-horizon p-value counts only at the planned sample. A sample-ratio mismatch (p &lt; 0.001) makes every result of a test untrustworthy.</source>
        <translation>A/B-Tests auf Routen, die kein Rollout verwaltet. Die Urteile lesen den jederzeit gültigen p-Wert eines sequenziellen Mischungs-Likelihood-Quotienten-Tests (mSPRT), den man jederzeit ansehen darf; der p-Wert mit festem Horizont zählt erst bei der geplanten Stichprobe. Ein unpassendes Stichprobenverhältnis (p &lt; 0,001) macht jedes Ergebnis eines Tests unzuverlässig.</translation>
    </message>
    <message>
        <source>No A/B tests found. Rolldeck shows an experiment when its route (an Istio VirtualService no Rollout manages) and its ab_test_* metrics in Prometheus are found.</source>
        <translation>Keine A/B-Tests gefunden. Rolldeck zeigt ein Experiment, wenn seine Route (ein Istio-VirtualService, den kein Rollout verwaltet) und seine ab_test_*-Metriken in Prometheus gefunden werden.</translation>
    </message>
</context>
<context>
    <name>rolldeck::GuardSection</name>
    <message>
        <source>Guard</source>
        <translation>Wächter</translation>
    </message>
    <message>
        <source>No rollback trigger is evaluated for this rollout: it is not updating, or its environment has no rollback triggers or no Prometheus.</source>
        <translation>Für diesen Rollout wird kein Rollback-Auslöser ausgewertet: er wird nicht aktualisiert, oder seine Umgebung hat keine Rollback-Auslöser oder kein Prometheus.</translation>
    </message>
    <message>
        <source>aborts by itself when a trigger fires</source>
        <translation>bricht selbst ab, wenn ein Auslöser greift</translation>
    </message>
    <message>
        <source>notifies only; a person decides</source>
        <translation>benachrichtigt nur; ein Mensch entscheidet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>in breach %1</source>
        <translation>überschritten seit %1</translation>
    </message>
    <message>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
    <message>
        <source>%1 % of the way to the threshold</source>
        <translation>%1 % des Wegs bis zur Schwelle</translation>
    </message>
</context>
<context>
    <name>rolldeck::HelpOverlay</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Any key or a click closes this.</source>
        <translation>Eine beliebige Taste oder ein Klick schließt diese Übersicht.</translation>
    </message>
</context>
<context>
    <name>rolldeck::MainWindow</name>
    <message>
        <source>Rolldeck</source>
        <translation>Rolldeck</translation>
    </message>
    <message>
        <source>No clusters</source>
        <translation>Keine Cluster</translation>
    </message>
    <message>
        <source>Rolldeck found no Kubernetes context to connect to.
Add a context to your kubeconfig (or set KUBECONFIG), open a workspace file,
or start the embedded demo cluster with &quot;rolldeck --demo&quot;.</source>
        <translation>Rolldeck hat keinen Kubernetes-Kontext gefunden, mit dem es sich verbinden kann.
Fügen Sie Ihrer kubeconfig einen Kontext hinzu (oder setzen Sie KUBECONFIG), öffnen Sie eine Workspace-Datei
oder starten Sie den eingebauten Demo-Cluster mit „rolldeck --demo“.</translation>
    </message>
    <message>
        <source>No clusters configured</source>
        <translation>Keine Cluster konfiguriert</translation>
    </message>
    <message>
        <source>Rollout detail</source>
        <translation>Rollout-Details</translation>
    </message>
    <message>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <source>&amp;Clusters</source>
        <translation>&amp;Cluster</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Go to &amp;anything…</source>
        <translation>&amp;Springen zu…</translation>
    </message>
    <message>
        <source>Attention &amp;queue</source>
        <translation>&amp;Warteschlange „Braucht einen Menschen“</translation>
    </message>
    <message>
        <source>&amp;Environments</source>
        <translation>&amp;Umgebungen</translation>
    </message>
    <message>
        <source>&amp;Rollouts table</source>
        <translation>&amp;Rollout-Tabelle</translation>
    </message>
    <message>
        <source>Filter the rollouts</source>
        <translation>Rollouts filtern</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Open the rollout&apos;s detail</source>
        <translation>Details des Rollouts öffnen</translation>
    </message>
    <message>
        <source>&amp;Close the detail</source>
        <translation>Details &amp;schließen</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>&amp;Präsentationsmodus</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Connect to the cluster of %1 as</source>
        <translation>Mit dem Cluster von %1 verbinden als</translation>
    </message>
    <message>
        <source>Each cluster is reached through one identity</source>
        <translation>Jeder Cluster ist über eine Identität erreichbar</translation>
    </message>
    <message>
        <source>Watch all namespaces</source>
        <translation>Alle Namespaces beobachten</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Audit-Log</translation>
    </message>
    <message>
        <source>&amp;Deployment dashboard</source>
        <translation>&amp;Deployment-Dashboard</translation>
    </message>
    <message>
        <source>Argo CD a&amp;pplications</source>
        <translation>Argo-CD-A&amp;nwendungen</translation>
    </message>
    <message>
        <source>Environments &amp;matrix</source>
        <translation>Umgebungs&amp;matrix</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>Experimente</translation>
    </message>
    <message>
        <source>E&amp;xperiments (A/B tests)</source>
        <translation>E&amp;xperimente (A/B-Tests)</translation>
    </message>
    <message>
        <source>C&amp;onnections (Argo CD, Prometheus)…</source>
        <translation>&amp;Verbindungen (Argo CD, Prometheus)…</translation>
    </message>
</context>
<context>
    <name>rolldeck::PresenterBoard</name>
    <message>
        <source>%1 · data stale</source>
        <translation>%1 · Daten veraltet</translation>
    </message>
    <message>
        <source>Rolldeck — presenter mode</source>
        <translation>Rolldeck — Präsentationsmodus</translation>
    </message>
    <message>
        <source>Rollouts, live</source>
        <translation>Rollouts, live</translation>
    </message>
    <message>
        <source>Esc leaves</source>
        <translation>Esc beendet</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
    <message>
        <source>no rollouts</source>
        <translation>keine Rollouts</translation>
    </message>
</context>
<context>
    <name>rolldeck::ResourceDiffDialog</name>
    <message>
        <source>Diff: %1</source>
        <translation>Diff: %1</translation>
    </message>
    <message numerus="yes">
        <source>The live state matches Git: none of %n resource(s) differs.</source>
        <translation>
            <numerusform>Der Live-Zustand stimmt mit Git überein: die %n Ressource weicht nicht ab.</numerusform>
            <numerusform>Der Live-Zustand stimmt mit Git überein: keine der %n Ressourcen weicht ab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Live state against Git: %1 of %n resource(s) differ.</source>
        <translation>
            <numerusform>Live-Zustand gegen Git: %1 von %n Ressource weicht ab.</numerusform>
            <numerusform>Live-Zustand gegen Git: %1 von %n Ressourcen weichen ab.</numerusform>
        </translation>
    </message>
    <message>
        <source>Show resources that do not differ</source>
        <translation>Auch Ressourcen ohne Unterschied zeigen</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>missing: in Git, not live</source>
        <translation>fehlt: in Git, nicht live</translation>
    </message>
    <message>
        <source>not in Git: a sync with prune deletes it</source>
        <translation>nicht in Git: eine Synchronisierung mit Prune löscht sie</translation>
    </message>
    <message>
        <source>differs: −%1 +%2</source>
        <translation>weicht ab: −%1 +%2</translation>
    </message>
    <message>
        <source>same</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>No resource differs.</source>
        <translation>Keine Ressource weicht ab.</translation>
    </message>
    <message>
        <source>Argo CD&apos;s answer for this resource cannot be read: %1</source>
        <translation>Die Antwort von Argo CD zu dieser Ressource ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Argo CD reports a difference that is not in the fields compared here (status and server-set metadata are left out).</source>
        <translation>Argo CD meldet einen Unterschied, der nicht in den hier verglichenen Feldern liegt (Status und vom Server gesetzte Metadaten bleiben außen vor).</translation>
    </message>
    <message>
        <source>The live state matches Git.</source>
        <translation>Der Live-Zustand stimmt mit Git überein.</translation>
    </message>
    <message>
        <source>− live   + Git</source>
        <translation>− live   + Git</translation>
    </message>
    <message>
        <source>Diff: %1 against Git at %2</source>
        <translation>Diff: %1 gegen Git bei %2</translation>
    </message>
    <message>
        <source>Git: %1, the tracked branch&apos;s head when Argo CD last compared.</source>
        <translation>Git: %1, der Head des verfolgten Branches beim letzten Vergleich durch Argo CD.</translation>
    </message>
</context>
<context>
    <name>rolldeck::RevisionPickerDialog</name>
    <message>
        <source>analysis %1</source>
        <translation>Analyse %1</translation>
    </message>
    <message>
        <source>analysis passed</source>
        <translation>Analyse bestanden</translation>
    </message>
    <message>
        <source>serving as stable now</source>
        <translation>bedient jetzt als stabil</translation>
    </message>
    <message>
        <source>replaced, scaled down</source>
        <translation>ersetzt, herunterskaliert</translation>
    </message>
    <message>
        <source>pods failing</source>
        <translation>Pods schlagen fehl</translation>
    </message>
    <message>
        <source>%1, %2/%3 pods available</source>
        <translation>%1, %2/%3 Pods verfügbar</translation>
    </message>
    <message>
        <source>Undo %1: choose a revision</source>
        <translation>%1 zurücksetzen: Revision wählen</translation>
    </message>
    <message>
        <source>Roll %1 back to an earlier revision. Its pod template is restored and the rollout runs its steps to it. The confirmation comes next.</source>
        <translation>%1 auf eine frühere Revision zurücksetzen. Deren Pod-Vorlage wird wiederhergestellt, und der Rollout durchläuft seine Schritte dorthin. Die Bestätigung folgt.</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Last outcome</source>
        <translation>Letzter Ausgang</translation>
    </message>
    <message>
        <source>Roll back to this revision…</source>
        <translation>Auf diese Revision zurücksetzen …</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutDetailModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>revision:%1</source>
        <translation>Revision:%1</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutDetailPanel</name>
    <message>
        <source>Canary</source>
        <translation>Canary</translation>
    </message>
    <message>
        <source>Blue-green</source>
        <translation>Blue-Green</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close the detail and stop watching its objects</source>
        <translation>Detailansicht schließen und ihre Objekte nicht mehr beobachten</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Meldung:</translation>
    </message>
    <message>
        <source>Strategy:</source>
        <translation>Strategie:</translation>
    </message>
    <message>
        <source>Step:</source>
        <translation>Schritt:</translation>
    </message>
    <message>
        <source>Set weight:</source>
        <translation>Soll-Gewicht:</translation>
    </message>
    <message>
        <source>Actual weight:</source>
        <translation>Ist-Gewicht:</translation>
    </message>
    <message>
        <source>Pause remaining:</source>
        <translation>Verbleibende Pause:</translation>
    </message>
    <message>
        <source>Replicas:</source>
        <translation>Replicas:</translation>
    </message>
    <message>
        <source>Images:</source>
        <translation>Images:</translation>
    </message>
    <message>
        <source>Stale since %1</source>
        <translation>Veraltet seit %1</translation>
    </message>
    <message>
        <source>Stale since %1 (%2)</source>
        <translation>Veraltet seit %1 (%2)</translation>
    </message>
    <message>
        <source>No rollout open</source>
        <translation>Kein Rollout geöffnet</translation>
    </message>
    <message>
        <source>%1/%2 on %3</source>
        <translation>%1/%2 auf %3</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>until promoted</source>
        <translation>bis zur Freigabe</translation>
    </message>
    <message>
        <source>%1 desired, %2 current, %3 updated, %4 ready, %5 available</source>
        <translation>%1 gewünscht, %2 aktuell, %3 aktualisiert, %4 bereit, %5 verfügbar</translation>
    </message>
    <message>
        <source>Open a rollout from the table (Enter or double-click) to see its revisions, pods and analysis runs.</source>
        <translation>Öffnen Sie einen Rollout in der Tabelle (Eingabetaste oder Doppelklick), um seine Revisionen, Pods und Analysis Runs zu sehen.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>This rollout does not exist (any more).</source>
        <translation>Diesen Rollout gibt es nicht (mehr).</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Datenverkehr</translation>
    </message>
    <message>
        <source>the rollout wants %1% canary, %2% stable</source>
        <translation>der Rollout will %1 % Canary, %2 % Stable</translation>
    </message>
    <message>
        <source>problems: %1</source>
        <translation>Probleme: %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The view is %1: actions need live data.</source>
        <translation>Die Ansicht ist %1: Aktionen brauchen aktuelle Daten.</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Events cannot be shown: this identity may not list Events in namespace %1 (%2).</source>
        <translation>Events können nicht angezeigt werden: Diese Identität darf im Namespace %1 keine Events auflisten (%2).</translation>
    </message>
    <message>
        <source>Events cannot be read at the moment (%1): those shown may be out of date.</source>
        <translation>Events können derzeit nicht gelesen werden (%1): Die angezeigten sind möglicherweise veraltet.</translation>
    </message>
    <message>
        <source>Events cannot be read at the moment (%1).</source>
        <translation>Events können derzeit nicht gelesen werden (%1).</translation>
    </message>
    <message>
        <source>No Events for this rollout (the cluster keeps them for about an hour).</source>
        <translation>Keine Events für dieses Rollout (der Cluster bewahrt sie etwa eine Stunde auf).</translation>
    </message>
    <message>
        <source>Revisions and events</source>
        <translation>Revisionen und Events</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutEventModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1 (×%2)</translation>
    </message>
    <message>
        <source>%1 (Rolldeck)</source>
        <translation>%1 (Rolldeck)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1, no reason given</source>
        <translation>%1, ohne Begründung</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1: „%2“</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutListModel</name>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>Namespace</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation>Soll-Gewicht</translation>
    </message>
    <message>
        <source>Actual weight</source>
        <translation>Ist-Gewicht</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>Ready replicas / current replicas</source>
        <translation>Bereite Replikas / aktuelle Replikas</translation>
    </message>
    <message>
        <source>%1 desired, %2 current, %3 up to date, %4 ready, %5 available</source>
        <translation>%1 gewünscht, %2 aktuell, %3 auf dem neuesten Stand, %4 bereit, %5 verfügbar</translation>
    </message>
    <message>
        <source>Environment (cluster)</source>
        <translation>Umgebung (Cluster)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Last acted by</source>
        <translation>Zuletzt gehandelt von</translation>
    </message>
    <message>
        <source>%1, %2 ago</source>
        <translation>%1, vor %2</translation>
    </message>
    <message>
        <source>%1 by %2 at %3: %4</source>
        <translation>%1 durch %2 um %3: %4</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutOverview</name>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>%1 by %2, %3 ago</source>
        <translation>%1 durch %2, vor %3</translation>
    </message>
    <message>
        <source>%1 by %2</source>
        <translation>%1 durch %2</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1: „%2“</translation>
    </message>
    <message>
        <source>Revision %1</source>
        <translation>Revision %1</translation>
    </message>
    <message>
        <source>created %1 ago</source>
        <translation>erstellt vor %1</translation>
    </message>
    <message>
        <source>Last action: none recorded by Rolldeck</source>
        <translation>Letzte Aktion: keine von Rolldeck aufgezeichnet</translation>
    </message>
    <message>
        <source>Last action: %1</source>
        <translation>Letzte Aktion: %1</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutPresentationModel</name>
    <message>
        <source>Cluster %1: stale since %2</source>
        <translation>Cluster %1: veraltet seit %2</translation>
    </message>
    <message>
        <source>Cluster %1: stale since %2 (%3)</source>
        <translation>Cluster %1: veraltet seit %2 (%3)</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Handlungsbedarf: %1</translation>
    </message>
</context>
<context>
    <name>rolldeck::RolloutsPanel</name>
    <message>
        <source>Healthy</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <source>Progressing</source>
        <translation>Progressing</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Degraded</source>
        <translation>Degraded</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Filter by name or namespace</source>
        <translation>Nach Name oder Namespace filtern</translation>
    </message>
    <message>
        <source>Show only rollouts with these statuses (none checked: all)</source>
        <translation>Nur Rollouts mit diesen Status zeigen (keiner ausgewählt: alle)</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>Degraded, failed or unknown rollouts, rollouts paused for a decision, and clusters whose data is stale</source>
        <translation>Rollouts mit Status Degraded, fehlgeschlagen oder unbekannt, Rollouts, die pausiert auf eine Entscheidung warten, und Cluster mit veralteten Daten</translation>
    </message>
    <message>
        <source>All clusters</source>
        <translation>Alle Cluster</translation>
    </message>
    <message>
        <source>Set weight</source>
        <translation>Soll-Gewicht</translation>
    </message>
    <message>
        <source>Actual weight</source>
        <translation>Ist-Gewicht</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Needs attention %1</source>
        <translation>Handlungsbedarf %1</translation>
    </message>
    <message>
        <source>1 rollout</source>
        <translation>1 Rollout</translation>
    </message>
    <message>
        <source>%1 rollouts</source>
        <translation>%1 Rollouts</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No rollouts in the connected clusters yet.</source>
        <translation>In den verbundenen Clustern gibt es noch keine Rollouts.</translation>
    </message>
    <message>
        <source>No rollouts match the filters.</source>
        <translation>Keine Rollouts entsprechen den Filtern.</translation>
    </message>
    <message>
        <source>Show one environment of the workspace</source>
        <translation>Eine Umgebung des Workspace anzeigen</translation>
    </message>
    <message>
        <source>All environments</source>
        <translation>Alle Umgebungen</translation>
    </message>
    <message>
        <source>Watch all namespaces</source>
        <translation>Alle Namespaces beobachten</translation>
    </message>
    <message>
        <source>Watch every namespace of every connected cluster</source>
        <translation>Jeden Namespace jedes verbundenen Clusters beobachten</translation>
    </message>
    <message>
        <source>%1: no rollouts.</source>
        <translation>%1: keine Rollouts.</translation>
    </message>
    <message>
        <source>1 cluster</source>
        <translation>1 Cluster</translation>
    </message>
    <message>
        <source>%1 clusters</source>
        <translation>%1 Cluster</translation>
    </message>
    <message>
        <source>all namespaces</source>
        <translation>alle Namespaces</translation>
    </message>
    <message>
        <source>namespace %1</source>
        <translation>Namespace %1</translation>
    </message>
    <message>
        <source>namespaces %1</source>
        <translation>Namespaces %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>Beobachtet: %1</translation>
    </message>
    <message>
        <source>%1 may not list rollouts in all namespaces: its own namespace only</source>
        <translation>%1 darf Rollouts nicht in allen Namespaces auflisten: nur im eigenen Namespace</translation>
    </message>
</context>
<context>
    <name>rolldeck::SplitEditDialog</name>
    <message>
        <source>Edit the split of %1</source>
        <translation>Aufteilung von %1 bearbeiten</translation>
    </message>
    <message>
        <source>No Rollout manages the VirtualService %1/%2: its weights are yours to set. The change is confirmed, recorded in the audit log, and sent only if the route is still as shown (resourceVersion %3).</source>
        <translation>Kein Rollout verwaltet den VirtualService %1/%2: Seine Gewichte setzen Sie. Die Änderung wird bestätigt, im Audit-Log festgehalten und nur gesendet, wenn die Route noch so ist wie angezeigt (resourceVersion %3).</translation>
    </message>
    <message>
        <source>The test is running: the visits counted so far followed the old split, so after a change the sample-ratio check and the planned sample no longer describe one experiment. Prefer ending the test, or start a new one after the change.</source>
        <translation>Der Test läuft: Die bisher gezählten Besuche folgten der alten Aufteilung; nach einer Änderung beschreiben die Prüfung des Stichprobenverhältnisses und die geplante Stichprobe kein einzelnes Experiment mehr. Beenden Sie den Test besser, oder beginnen Sie nach der Änderung einen neuen.</translation>
    </message>
    <message>
        <source>%1 (%2):</source>
        <translation>%1 (%2):</translation>
    </message>
    <message>
        <source>%1&apos;s share of the traffic</source>
        <translation>Anteil von %1 am Verkehr</translation>
    </message>
    <message>
        <source>%1 ← → %2</source>
        <translation>%1 ← → %2</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>Weiter …</translation>
    </message>
    <message>
        <source>The weights add up to 100 %.</source>
        <translation>Die Gewichte ergeben zusammen 100 %.</translation>
    </message>
    <message>
        <source>This is the current split.</source>
        <translation>Das ist die jetzige Aufteilung.</translation>
    </message>
    <message>
        <source>The weights add up to %1 %, not 100 %.</source>
        <translation>Die Gewichte ergeben zusammen %1 %, nicht 100 %.</translation>
    </message>
</context>
<context>
    <name>rolldeck::StepTimelineWidget</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation>Pause %1</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Skalieren</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>until promoted</source>
        <translation>bis zur Freigabe</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>nicht eindeutig</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <source>%1 = %2</source>
        <translation>%1 = %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No steps: the canary goes straight to 100 %</source>
        <translation>Keine Schritte: der Canary geht direkt auf 100 %</translation>
    </message>
    <message>
        <source>All %1 steps done</source>
        <translation>Alle %1 Schritte erledigt</translation>
    </message>
    <message>
        <source>release phases 5 % for 30 min → 25 % for 2 h → 50 % for 4 h → 100 %</source>
        <translation>Freigabephasen 5 % für 30 min → 25 % für 2 h → 50 % für 4 h → 100 %</translation>
    </message>
    <message>
        <source>Analysis run %1</source>
        <translation>Analyselauf %1</translation>
    </message>
    <message>
        <source>Background analysis: %1</source>
        <translation>Hintergrundanalyse: %1</translation>
    </message>
    <message>
        <source>Step %1/%2 · canary %3</source>
        <translation>Schritt %1/%2 · Canary %3</translation>
    </message>
    <message>
        <source>Aborted at step %1/%2</source>
        <translation>Abgebrochen bei Schritt %1/%2</translation>
    </message>
    <message>
        <source>Step %1/%2: %3</source>
        <translation>Schritt %1/%2: %3</translation>
    </message>
</context>
<context>
    <name>rolldeck::SyncOptionsDialog</name>
    <message>
        <source>Sync %1</source>
        <translation>%1 synchronisieren</translation>
    </message>
    <message>
        <source>HEAD: the newest commit of the tracked branch</source>
        <translation>HEAD: der neueste Commit des verfolgten Branches</translation>
    </message>
    <message>
        <source>auto-sync</source>
        <translation>Auto-Sync</translation>
    </message>
    <message>
        <source> (current)</source>
        <translation> (aktuell)</translation>
    </message>
    <message>
        <source>%1: deployed %2 by %3%4</source>
        <translation>%1: ausgerollt %2 von %3%4</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>a commit SHA, tag or branch</source>
        <translation>ein Commit-SHA, Tag oder Branch</translation>
    </message>
    <message>
        <source>Revision:</source>
        <translation>Revision:</translation>
    </message>
    <message>
        <source>Prune: delete resources that are no longer in Git</source>
        <translation>Prune: Ressourcen löschen, die nicht mehr in Git sind</translation>
    </message>
    <message>
        <source>Dry run: let Argo CD check the sync without changing anything</source>
        <translation>Probelauf: Argo CD prüft die Synchronisierung, ohne etwas zu ändern</translation>
    </message>
    <message>
        <source>Resources to sync:</source>
        <translation>Zu synchronisierende Ressourcen:</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation>Status unbekannt</translation>
    </message>
    <message>
        <source>Continue…</source>
        <translation>Weiter …</translation>
    </message>
    <message>
        <source>Choose at least one resource.</source>
        <translation>Wählen Sie mindestens eine Ressource.</translation>
    </message>
    <message numerus="yes">
        <source>All %n resource(s): a full sync, recorded in the application&apos;s history.</source>
        <translation>
            <numerusform>Die %n Ressource: eine vollständige Synchronisierung, in der Historie der Anwendung vermerkt.</numerusform>
            <numerusform>Alle %n Ressourcen: eine vollständige Synchronisierung, in der Historie der Anwendung vermerkt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n resource(s): a partial sync; Argo CD does not record it in the application&apos;s history.</source>
        <translation>
            <numerusform>%1 von %n Ressource: eine Teilsynchronisierung; Argo CD vermerkt sie nicht in der Historie der Anwendung.</numerusform>
            <numerusform>%1 von %n Ressourcen: eine Teilsynchronisierung; Argo CD vermerkt sie nicht in der Historie der Anwendung.</numerusform>
        </translation>
    </message>
    <message>
        <source>HEAD: the newest commit of the tracked branch (%1 when last compared)</source>
        <translation>HEAD: der neueste Commit des verfolgten Branches (%1 beim letzten Vergleich)</translation>
    </message>
</context>
<context>
    <name>rolldeck::TrafficBar</name>
    <message>
        <source>preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>canary</source>
        <translation>Canary</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>stabil</translation>
    </message>
    <message>
        <source>All user traffic goes to the active side; the preview side is reached through its preview Service</source>
        <translation>Der gesamte Nutzerverkehr geht auf die aktive Seite; die Vorschau ist über ihren Vorschau-Service erreichbar</translation>
    </message>
    <message>
        <source>Set %1 %, observed the same</source>
        <translation>Gesetzt %1 %, beobachtet ebenso</translation>
    </message>
    <message>
        <source>Set %1 %, observed %2 %</source>
        <translation>Gesetzt %1 %, beobachtet %2 %</translation>
    </message>
    <message>
        <source>no traffic router: routing follows the replica share</source>
        <translation>kein Traffic-Router: die Verteilung folgt dem Anteil der Replikate</translation>
    </message>
    <message>
        <source>%1 %2 %</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <source>Fully promoted: the new revision is the stable one and takes all traffic</source>
        <translation>Vollständig ausgerollt: Die neue Revision ist die stabile und erhält den gesamten Verkehr</translation>
    </message>
</context>
<context>
    <name>rolldeck::TrafficModel</name>
    <message>
        <source>stable</source>
        <translation>stable</translation>
    </message>
    <message>
        <source>canary</source>
        <translation>canary</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>preview</translation>
    </message>
    <message>
        <source>not managed</source>
        <translation>nicht verwaltet</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>Routes to</source>
        <translation>Leitet zu</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>Desired</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation>Nicht lesbar</translation>
    </message>
    <message>
        <source>Points at the wrong ReplicaSet</source>
        <translation>Zeigt auf das falsche ReplicaSet</translation>
    </message>
    <message>
        <source>Points at no ReplicaSet of this rollout</source>
        <translation>Zeigt auf kein ReplicaSet dieses Rollouts</translation>
    </message>
    <message>
        <source>Selects every revision</source>
        <translation>Wählt alle Revisionen</translation>
    </message>
    <message>
        <source>Weight differs from the rollout&apos;s</source>
        <translation>Gewicht weicht vom Rollout ab</translation>
    </message>
    <message>
        <source>Destination missing</source>
        <translation>Ziel fehlt</translation>
    </message>
    <message>
        <source>Route not found</source>
        <translation>Route nicht gefunden</translation>
    </message>
    <message>
        <source>Service %1</source>
        <translation>Service %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen …</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Not found: the rollout names a Service that does not exist</source>
        <translation>Nicht gefunden: Der Rollout nennt einen Service, den es nicht gibt</translation>
    </message>
    <message>
        <source>Cannot be read (%1)</source>
        <translation>Nicht lesbar (%1)</translation>
    </message>
    <message>
        <source>every revision</source>
        <translation>alle Revisionen</translation>
    </message>
    <message>
        <source>%1 (revision %2)</source>
        <translation>%1 (Revision %2)</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Points at %1, the rollout wants %2</source>
        <translation>Zeigt auf %1, der Rollout will %2</translation>
    </message>
    <message>
        <source>Points at %1: no ReplicaSet of this rollout has that hash</source>
        <translation>Zeigt auf %1: Kein ReplicaSet dieses Rollouts hat diesen Hash</translation>
    </message>
    <message>
        <source>Selects every revision, the rollout wants %1</source>
        <translation>Wählt alle Revisionen, der Rollout will %1</translation>
    </message>
    <message>
        <source>Selects the pods of ReplicaSet %1</source>
        <translation>Wählt die Pods von ReplicaSet %1</translation>
    </message>
    <message>
        <source>VirtualService %1</source>
        <translation>VirtualService %1</translation>
    </message>
    <message>
        <source>Not found: the rollout routes through a VirtualService that does not exist</source>
        <translation>Nicht gefunden: Der Rollout leitet über einen VirtualService, den es nicht gibt</translation>
    </message>
    <message>
        <source>No HTTP routes</source>
        <translation>Keine HTTP-Routen</translation>
    </message>
    <message>
        <source>(unnamed route)</source>
        <translation>(Route ohne Namen)</translation>
    </message>
    <message>
        <source>TLS port %1</source>
        <translation>TLS-Port %1</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>TCP port %1</source>
        <translation>TCP-Port %1</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>VirtualService %1 › %2</source>
        <translation>VirtualService %1 › %2</translation>
    </message>
    <message>
        <source>Route not found: the VirtualService has no HTTP route %1</source>
        <translation>Route nicht gefunden: Der VirtualService hat keine HTTP-Route %1</translation>
    </message>
    <message>
        <source>Route not found: the VirtualService has no TLS route for port %1</source>
        <translation>Route nicht gefunden: Der VirtualService hat keine TLS-Route für Port %1</translation>
    </message>
    <message>
        <source>Route not found: the VirtualService has no TCP route for port %1</source>
        <translation>Route nicht gefunden: Der VirtualService hat keine TCP-Route für Port %1</translation>
    </message>
    <message>
        <source>subset %1</source>
        <translation>Subset %1</translation>
    </message>
    <message>
        <source>%1, subset %2</source>
        <translation>%1, Subset %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>no destination</source>
        <translation>kein Ziel</translation>
    </message>
    <message>
        <source>The mesh sends %1, the rollout wants %2</source>
        <translation>Das Mesh sendet %1, der Rollout will %2</translation>
    </message>
    <message>
        <source>Destination missing: the route has no %1 destination</source>
        <translation>Ziel fehlt: Die Route hat kein %1-Ziel</translation>
    </message>
</context>
<context>
    <name>rolldeck::TrafficSlider</name>
    <message>
        <source>abort: all traffic back to stable</source>
        <translation>abbrechen: der gesamte Verkehr zurück auf stabil</translation>
    </message>
    <message>
        <source>promote to step %1 (weight %2 %)</source>
        <translation>bis Schritt %1 freigeben (Gewicht %2 %)</translation>
    </message>
    <message>
        <source>promote fully (%1 %)</source>
        <translation>vollständig freigeben (%1 %)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Drag the split to a step (left gives the canary more traffic), or use ←/→ and Enter. Nothing is sent before you confirm.</source>
        <translation>Ziehen Sie die Teilung auf einen Schritt (nach links bekommt der Canary mehr Verkehr) oder nutzen Sie ←/→ und Enter. Nichts wird gesendet, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <source>Steps ahead: %1; 0 %: abort.</source>
        <translation>Kommende Schritte: %1; 0 %: abbrechen.</translation>
    </message>
    <message>
        <source>Promote: %1</source>
        <translation>Freigeben: %1</translation>
    </message>
    <message>
        <source>Abort: %1</source>
        <translation>Abbrechen: %1</translation>
    </message>
    <message>
        <source>Release to propose: %1</source>
        <translation>Loslassen zum Vorschlagen: %1</translation>
    </message>
    <message>
        <source>Drag the split to 0 % (or → and Enter) to abort; nothing is sent before you confirm</source>
        <translation>Teilung auf 0 % ziehen (oder → und Enter) zum Abbrechen; nichts wird gesendet, bevor Sie bestätigen</translation>
    </message>
    <message>
        <source>Drag the split to %1, or to 0 % to abort (or ←/→ and Enter); nothing is sent before you confirm</source>
        <translation>Teilung auf %1 ziehen oder auf 0 % zum Abbrechen (oder ←/→ und Enter); nichts wird gesendet, bevor Sie bestätigen</translation>
    </message>
    <message>
        <source>Drag the split to %1 (or ← and Enter); nothing is sent before you confirm</source>
        <translation>Teilung auf %1 ziehen (oder ← und Enter); nichts wird gesendet, bevor Sie bestätigen</translation>
    </message>
</context>
<context>
    <name>rolldeck::TrayNotifier</name>
    <message>
        <source>Rolldeck</source>
        <translation>Rolldeck</translation>
    </message>
    <message>
        <source>%1 needs attention in %2</source>
        <translation>%1 braucht Aufmerksamkeit in %2</translation>
    </message>
    <message>
        <source>%1/%2: %3</source>
        <translation>%1/%2: %3</translation>
    </message>
</context>
<context>
    <name>rolldeck::abtest::ExperimentsController</name>
    <message>
        <source>no Prometheus is configured for %1/%2 (the workspace&apos;s environment names none)</source>
        <translation>für %1/%2 ist kein Prometheus eingerichtet (die Umgebung des Workspace nennt keines)</translation>
    </message>
</context>
<context>
    <name>rolldeck::analysis</name>
    <message>
        <source>&quot;!&quot; needs a bool, not %1</source>
        <translation>„!“ braucht einen Wahrheitswert, nicht %1</translation>
    </message>
    <message>
        <source>a sign needs a number, not %1</source>
        <translation>ein Vorzeichen braucht eine Zahl, nicht %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs bools, not %2</source>
        <translation>„%1“ braucht Wahrheitswerte, nicht %2</translation>
    </message>
    <message>
        <source>cannot compare %1 with %2 using &quot;%3&quot;</source>
        <translation>%1 und %2 lassen sich nicht mit „%3“ vergleichen</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs numbers, not %2 and %3</source>
        <translation>„%1“ braucht Zahlen, nicht %2 und %3</translation>
    </message>
    <message>
        <source>&quot;%&quot; needs integers, not %1 and %2</source>
        <translation>„%“ braucht Ganzzahlen, nicht %1 und %2</translation>
    </message>
    <message>
        <source>integer divide by zero</source>
        <translation>ganzzahlige Division durch null</translation>
    </message>
    <message>
        <source>a map is indexed by a string, not %1</source>
        <translation>eine Map wird mit einer Zeichenkette indiziert, nicht mit %1</translation>
    </message>
    <message>
        <source>cannot index %1</source>
        <translation>%1 lässt sich nicht indizieren</translation>
    </message>
    <message>
        <source>an index must be an integer, not %1</source>
        <translation>ein Index muss eine Ganzzahl sein, nicht %1</translation>
    </message>
    <message>
        <source>index %1 is out of range (the array has %2 elements)</source>
        <translation>Index %1 liegt außerhalb des Bereichs (das Array hat %2 Elemente)</translation>
    </message>
    <message>
        <source>%1() needs a number, not %2</source>
        <translation>%1() braucht eine Zahl, nicht %2</translation>
    </message>
    <message>
        <source>len() needs an array, a map or a string, not %1</source>
        <translation>len() braucht ein Array, eine Map oder eine Zeichenkette, nicht %1</translation>
    </message>
    <message>
        <source>%1(): &quot;%2&quot; is not a number</source>
        <translation>%1(): „%2“ ist keine Zahl</translation>
    </message>
    <message>
        <source>%1() is not supported on %2</source>
        <translation>%1() wird für %2 nicht unterstützt</translation>
    </message>
    <message>
        <source>%1() needs an array, not %2</source>
        <translation>%1() braucht ein Array, nicht %2</translation>
    </message>
    <message>
        <source>the predicate must be a bool, not %1</source>
        <translation>das Prädikat muss ein Wahrheitswert sein, nicht %1</translation>
    </message>
    <message>
        <source>expected bool, but got %1</source>
        <translation>Wahrheitswert erwartet, aber %1 erhalten</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <source>the number %1 is out of range</source>
        <translation>die Zahl %1 liegt außerhalb des darstellbaren Bereichs</translation>
    </message>
    <message>
        <source>the integer %1 is out of range</source>
        <translation>die Ganzzahl %1 liegt außerhalb des darstellbaren Bereichs</translation>
    </message>
    <message>
        <source>unknown escape sequence \%1 in a string</source>
        <translation>unbekannte Escape-Sequenz \%1 in einer Zeichenkette</translation>
    </message>
    <message>
        <source>the string is not closed</source>
        <translation>die Zeichenkette wird nicht geschlossen</translation>
    </message>
    <message>
        <source>the end of the condition</source>
        <translation>das Ende der Bedingung</translation>
    </message>
    <message>
        <source>the condition is nested too deeply</source>
        <translation>die Bedingung ist zu tief verschachtelt</translation>
    </message>
    <message>
        <source>expected &quot;%1&quot; but found %2</source>
        <translation>„%1“ erwartet, aber %2 gefunden</translation>
    </message>
    <message>
        <source>the operator %1 is not supported</source>
        <translation>der Operator %1 wird nicht unterstützt</translation>
    </message>
    <message>
        <source>unexpected %1</source>
        <translation>unerwartet: %1</translation>
    </message>
    <message>
        <source>the condition ends too early</source>
        <translation>die Bedingung endet zu früh</translation>
    </message>
    <message>
        <source>&quot;#&quot; is only valid in the predicate of all() or any()</source>
        <translation>„#“ ist nur im Prädikat von all() oder any() gültig</translation>
    </message>
    <message>
        <source>array literals are not supported</source>
        <translation>Array-Literale werden nicht unterstützt</translation>
    </message>
    <message>
        <source>unknown name &quot;%1&quot;</source>
        <translation>unbekannter Name „%1“</translation>
    </message>
    <message>
        <source>the function &quot;%1&quot; is not supported</source>
        <translation>die Funktion „%1“ wird nicht unterstützt</translation>
    </message>
    <message numerus="yes">
        <source>%1() takes %n argument(s), not %2</source>
        <translation>
            <numerusform>%1() nimmt %n Argument, nicht %2</numerusform>
            <numerusform>%1() nimmt %n Argumente, nicht %2</numerusform>
        </translation>
    </message>
    <message>
        <source>slices are not supported</source>
        <translation>Slices werden nicht unterstützt</translation>
    </message>
    <message>
        <source>member access (&quot;%1&quot;) is not supported</source>
        <translation>Feldzugriff („%1“) wird nicht unterstützt</translation>
    </message>
    <message>
        <source>only the built-in functions can be called</source>
        <translation>nur die eingebauten Funktionen können aufgerufen werden</translation>
    </message>
</context>
<context>
    <name>rolldeck::argocd::Client</name>
    <message>
        <source>%1: Argo CD did not answer (%2).</source>
        <translation>%1: Argo CD hat nicht geantwortet (%2).</translation>
    </message>
    <message>
        <source>%1: Argo CD did not accept the session (%2). Log in to Argo CD again.</source>
        <translation>%1: Argo CD hat die Sitzung nicht angenommen (%2). Melden Sie sich erneut bei Argo CD an.</translation>
    </message>
    <message>
        <source>%1: permission denied. Argo CD says this both when the application does not exist and when your account may not do this; naming the project tells them apart.</source>
        <translation>%1: Zugriff verweigert. Argo CD antwortet so, wenn die Anwendung nicht existiert und wenn Ihr Konto dies nicht darf; mit dem Projekt im Aufruf lassen sich beide Fälle unterscheiden.</translation>
    </message>
    <message>
        <source>%1: not found in that project (%2).</source>
        <translation>%1: in diesem Projekt nicht gefunden (%2).</translation>
    </message>
    <message>
        <source>%1: Argo CD refused the request&apos;s content type (415). This is a Rolldeck defect.</source>
        <translation>%1: Argo CD hat den Inhaltstyp der Anfrage abgelehnt (415). Dies ist ein Fehler in Rolldeck.</translation>
    </message>
    <message>
        <source>%1 failed with HTTP %2: %3</source>
        <translation>%1 ist mit HTTP %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>POST /api/v1/session: Argo CD answered without a token.</source>
        <translation>POST /api/v1/session: Argo CD hat ohne Token geantwortet.</translation>
    </message>
</context>
<context>
    <name>rolldeck::charts::MetricChartView</name>
    <message>
        <source>Successful</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Nicht eindeutig</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>%1 · roll back at %2</source>
        <translation>%1 · Rollback bei %2</translation>
    </message>
    <message>
        <source>%1 · passes at %2</source>
        <translation>%1 · besteht bei %2</translation>
    </message>
    <message>
        <source>This chart cannot be drawn: %1</source>
        <translation>Dieses Diagramm kann nicht gezeichnet werden: %1</translation>
    </message>
    <message>
        <source>Waiting for Prometheus…</source>
        <translation>Warte auf Prometheus …</translation>
    </message>
    <message>
        <source>Nothing to draw in this time range: every value is NaN or infinite (nothing measured yet, or a division by zero).</source>
        <translation>In diesem Zeitraum gibt es nichts zu zeichnen: jeder Wert ist NaN oder unendlich (noch nichts gemessen oder eine Division durch null).</translation>
    </message>
    <message>
        <source>No data in this time range: the query returned no samples.</source>
        <translation>Keine Daten in diesem Zeitraum: die Abfrage lieferte keine Werte.</translation>
    </message>
    <message>
        <source>run: %1</source>
        <translation>Lauf: %1</translation>
    </message>
    <message>
        <source>fail %1</source>
        <translation>Fehlschlag %1</translation>
    </message>
    <message>
        <source>pass %1</source>
        <translation>bestanden %1</translation>
    </message>
    <message>
        <source>value: %1</source>
        <translation>Wert: %1</translation>
    </message>
    <message>
        <source>fail line: %1</source>
        <translation>Fehlschlaglinie: %1</translation>
    </message>
    <message>
        <source>pass line: %1</source>
        <translation>Bestehenslinie: %1</translation>
    </message>
    <message>
        <source>condition: %1</source>
        <translation>Bedingung: %1</translation>
    </message>
    <message>
        <source>verdict: %1</source>
        <translation>Urteil: %1</translation>
    </message>
    <message>
        <source>%1  %2 by %3</source>
        <translation>%1  %2 durch %3</translation>
    </message>
</context>
<context>
    <name>rolldeck::charts::MetricsPanel</name>
    <message>
        <source>Range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>15 m</source>
        <translation>15 min</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <source>Since the rollout started</source>
        <translation>Seit Beginn des Rollouts</translation>
    </message>
</context>
<context>
    <name>rolldeck::guard::AlertsFeed</name>
    <message>
        <source>No Prometheus is configured for the environment %1.</source>
        <translation>Für die Umgebung %1 ist kein Prometheus konfiguriert.</translation>
    </message>
</context>
<context>
    <name>rolldeck::guard::RollbackGuard</name>
    <message>
        <source>the query has placeholders with no value: %1</source>
        <translation>die Abfrage hat Platzhalter ohne Wert: %1</translation>
    </message>
    <message>
        <source>rollback trigger %1</source>
        <translation>Rollback-Auslöser %1</translation>
    </message>
    <message>
        <source>notified; this environment does not let the guard abort</source>
        <translation>benachrichtigt; in dieser Umgebung darf der Wächter nicht abbrechen</translation>
    </message>
    <message>
        <source>abort not sent: no connection to act through</source>
        <translation>Abbruch nicht gesendet: keine Verbindung zum Handeln</translation>
    </message>
    <message>
        <source>aborting…</source>
        <translation>bricht ab …</translation>
    </message>
    <message>
        <source>abort not sent: reading the rollout failed: %1</source>
        <translation>Abbruch nicht gesendet: Lesen des Rollouts fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>abort not sent: data %1</source>
        <translation>Abbruch nicht gesendet: Daten %1</translation>
    </message>
    <message>
        <source>abort not sent: the rollout is no longer updating (%1)</source>
        <translation>Abbruch nicht gesendet: der Rollout wird nicht mehr aktualisiert (%1)</translation>
    </message>
    <message>
        <source>aborted by the guard</source>
        <translation>vom Wächter abgebrochen</translation>
    </message>
    <message>
        <source>abort %1: %2</source>
        <translation>Abbruch %1: %2</translation>
    </message>
</context>
<context>
    <name>rolldeck::kube</name>
    <message>
        <source>User &quot;%1&quot; has an exec plugin and static credentials; the static credentials are used and the plugin is not run, as kubectl does.</source>
        <translation>Benutzer „%1“ hat ein Exec-Plugin und statische Zugangsdaten; wie bei kubectl werden die statischen Zugangsdaten verwendet und das Plugin wird nicht ausgeführt.</translation>
    </message>
    <message>
        <source>User &quot;%1&quot;: impersonation (%2) is not supported and is not applied.</source>
        <translation>Benutzer „%1“: Impersonation (%2) wird nicht unterstützt und nicht angewendet.</translation>
    </message>
    <message>
        <source>TLS certificate verification is off for cluster &quot;%1&quot; (insecure-skip-tls-verify): the server&apos;s identity is not checked.</source>
        <translation>Die Prüfung des TLS-Zertifikats ist für Cluster „%1“ abgeschaltet (insecure-skip-tls-verify): die Identität des Servers wird nicht geprüft.</translation>
    </message>
</context>
<context>
    <name>rolldeck::metrics::DashboardController</name>
    <message>
        <source>No Prometheus is configured: add a &quot;prometheus&quot; endpoint to an environment in the workspace file.</source>
        <translation>Kein Prometheus konfiguriert: einer Umgebung in der Workspace-Datei einen „prometheus“-Endpunkt hinzufügen.</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>Deployments</translation>
    </message>
</context>
<context>
    <name>rolldeck::metrics::MetricsController</name>
    <message>
        <source>No Prometheus is configured for this environment: add a &quot;prometheus&quot; endpoint to it in the workspace file.</source>
        <translation>Für diese Umgebung ist kein Prometheus konfiguriert: ihr in der Workspace-Datei einen „prometheus“-Endpunkt hinzufügen.</translation>
    </message>
</context>
<context>
    <name>rolldeck::prom</name>
    <message>
        <source>%1 asks for more than 11,000 points per series; Prometheus refuses that. Choose a shorter range or a larger step.</source>
        <translation>%1 verlangt mehr als 11.000 Punkte je Zeitreihe; das lehnt Prometheus ab. Wählen Sie einen kürzeren Zeitraum oder eine größere Schrittweite.</translation>
    </message>
    <message>
        <source>Prometheus rejected %1 as invalid (bad_data)%2</source>
        <translation>Prometheus hat %1 als ungültig abgelehnt (bad_data)%2</translation>
    </message>
    <message>
        <source>Prometheus could not evaluate %1 (execution error)%2</source>
        <translation>Prometheus konnte %1 nicht auswerten (Ausführungsfehler)%2</translation>
    </message>
    <message>
        <source>Prometheus gave up on %1 when its query timeout ran out%2. Try a shorter range or a simpler query.</source>
        <translation>Prometheus hat %1 nach Ablauf seines Abfrage-Zeitlimits abgebrochen%2. Versuchen Sie einen kürzeren Zeitraum oder eine einfachere Abfrage.</translation>
    </message>
    <message>
        <source>Prometheus cancelled %1%2</source>
        <translation>Prometheus hat %1 abgebrochen%2</translation>
    </message>
    <message>
        <source>Prometheus failed on %1 with an internal error%2</source>
        <translation>Prometheus ist bei %1 an einem internen Fehler gescheitert%2</translation>
    </message>
    <message>
        <source>Prometheus is not ready to answer %1%2</source>
        <translation>Prometheus ist noch nicht bereit, %1 zu beantworten%2</translation>
    </message>
    <message>
        <source>%1 found nothing at that address (HTTP 404). Is the configured URL the base URL of the server?</source>
        <translation>%1 hat unter dieser Adresse nichts gefunden (HTTP 404). Ist die eingetragene URL die Basis-URL des Servers?</translation>
    </message>
    <message>
        <source>Prometheus cannot answer %1 in JSON (HTTP 406)%2</source>
        <translation>Prometheus kann %1 nicht in JSON beantworten (HTTP 406)%2</translation>
    </message>
    <message>
        <source>Prometheus answered %1 with the error &quot;%2&quot; (HTTP %3)%4</source>
        <translation>Prometheus hat %1 mit dem Fehler „%2“ beantwortet (HTTP %3)%4</translation>
    </message>
    <message>
        <source>%1 was refused (HTTP %2): the credential is missing, wrong or not allowed. Check the environment&apos;s credential in the workspace and the keychain.</source>
        <translation>%1 wurde abgewiesen (HTTP %2): die Zugangsdaten fehlen, sind falsch oder nicht berechtigt. Prüfen Sie die Zugangsdaten der Umgebung im Arbeitsbereich und im Schlüsselbund.</translation>
    </message>
    <message>
        <source>%1 failed with HTTP %2%3</source>
        <translation>%1 ist mit HTTP %2 gescheitert%3</translation>
    </message>
    <message>
        <source>%1 returned an answer Rolldeck cannot read%2</source>
        <translation>%1 lieferte eine Antwort, die Rolldeck nicht lesen kann%2</translation>
    </message>
    <message>
        <source>Cannot reach the server for %1%2</source>
        <translation>Der Server für %1 ist nicht erreichbar%2</translation>
    </message>
    <message>
        <source>The server&apos;s certificate for %1 did not verify%2</source>
        <translation>Das Zertifikat des Servers für %1 ließ sich nicht prüfen%2</translation>
    </message>
    <message>
        <source>%1 got no answer in time%2. The server may be overloaded or unreachable.</source>
        <translation>%1 hat nicht rechtzeitig eine Antwort erhalten%2. Der Server ist vielleicht überlastet oder nicht erreichbar.</translation>
    </message>
    <message>
        <source>%1 was not sent: the credential could not be read from the keychain%2</source>
        <translation>%1 wurde nicht gesendet: die Zugangsdaten ließen sich nicht aus dem Schlüsselbund lesen%2</translation>
    </message>
    <message>
        <source>%1 was not sent: the workspace names no server for it in this environment.</source>
        <translation>%1 wurde nicht gesendet: der Arbeitsbereich nennt für diese Umgebung keinen Server dafür.</translation>
    </message>
    <message>
        <source>the %1 request</source>
        <translation>die Anfrage %1</translation>
    </message>
    <message>
        <source>the %1 request &quot;%2&quot;</source>
        <translation>die Anfrage %1 „%2“</translation>
    </message>
</context>
<context>
    <name>rolldeck::prom::PrometheusProcess</name>
    <message>
        <source>Prometheus did not become ready within %1 s.</source>
        <translation>Prometheus war nicht innerhalb von %1 s bereit.</translation>
    </message>
    <message>
        <source>Cannot write the Prometheus configuration %1: %2</source>
        <translation>Die Prometheus-Konfiguration %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Prometheus is not installed (no &quot;prometheus&quot; on PATH); charts are unavailable.</source>
        <translation>Prometheus ist nicht installiert (kein „prometheus“ im PATH); Diagramme sind nicht verfügbar.</translation>
    </message>
    <message>
        <source>Refusing to scrape %1: only loopback targets are allowed.</source>
        <translation>%1 wird nicht abgefragt: nur Loopback-Ziele sind erlaubt.</translation>
    </message>
    <message>
        <source>Cannot create a temporary folder for Prometheus: %1</source>
        <translation>Temporärer Ordner für Prometheus kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <source>No free loopback port for Prometheus.</source>
        <translation>Kein freier Loopback-Port für Prometheus.</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Prometheus exited with status %1: %2</source>
        <translation>Prometheus wurde mit Status %1 beendet: %2</translation>
    </message>
    <message>
        <source>Cannot write the Prometheus alert rules to %1.</source>
        <translation>Die Prometheus-Alarmregeln können nicht nach %1 geschrieben werden.</translation>
    </message>
</context>
</TS>
