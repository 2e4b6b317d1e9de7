// A throwaway PKI for --tls: a self-signed CA and a server certificate for 127.0.0.1, ::1 and
// localhost signed by it (ECDSA P-256, SHA-256, valid from an hour ago for 30 days).
//
// Usage:
//   rdsim::TlsMaterial tls;
//   if (!tls.generate(&error)) ...;
//   httplib::SSLServer server(tls.serverCert(), tls.serverKey());
//   kubeconfig: certificate-authority-data = base64(tls.caPem())
#pragma once

#include <string>

typedef struct x509_st X509;
typedef struct evp_pkey_st EVP_PKEY;

namespace rdsim {

class TlsMaterial
{
public:
    TlsMaterial() = default;
    ~TlsMaterial();
    TlsMaterial(const TlsMaterial &) = delete;
    TlsMaterial &operator=(const TlsMaterial &) = delete;

    bool generate(std::string *error);
    X509 *serverCert() const { return m_serverCert; }
    EVP_PKEY *serverKey() const { return m_serverKey; }
    const std::string &caPem() const { return m_caPem; }
    const std::string &serverCertPem() const { return m_serverCertPem; }

private:
    X509 *m_caCert = nullptr;
    EVP_PKEY *m_caKey = nullptr;
    X509 *m_serverCert = nullptr;
    EVP_PKEY *m_serverKey = nullptr;
    std::string m_caPem;
    std::string m_serverCertPem;
};

std::string base64(const std::string &data);
std::string randomHex(int bytes);

} // namespace rdsim
