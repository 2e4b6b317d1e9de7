#pragma once

#include <QString>

namespace rolldeck {

// Kubernetes' name rules (k8s.io/apimachinery validation), checked before a name from the command line or a file
// goes into a URL. A namespace is a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a
// letter or digit, at most 63 characters. Most object names, Rollouts among them, are DNS-1123 subdomains: such
// labels joined by '.', at most 253 characters.
bool isDns1123Label(const QString &text);
bool isDns1123Subdomain(const QString &text);

// Text from a file or a server made safe for a one-line message on a terminal: control characters (ESC, CR, LF,
// DEL, C1) and bidirectional overrides become \xNN or \uNNNN escapes, so junk input cannot move the cursor, clear
// the screen or reorder what the message says.
QString printableText(const QString &text);

} // namespace rolldeck
