#include "Tls.h"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <vector>

namespace rdsim {

namespace {

std::string opensslError(const char *what)
{
    char buf[256];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    return std::string(what) + ": " + buf;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const char *value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

X509 *makeCert(EVP_PKEY *key, const char *cn, X509 *issuer, EVP_PKEY *issuerKey, long serial, bool ca)
{
    X509 *cert = X509_new();
    if (!cert)
        return nullptr;
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 30L * 24 * 3600);
    X509_set_pubkey(cert, key);
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("rolldeck-sim"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(cn), -1, -1, 0);
    X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name);
    X509 *iss = issuer ? issuer : cert;
    bool ok = true;
    if (ca) {
        ok = ok && addExtension(cert, iss, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert, iss, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
        ok = ok && addExtension(cert, iss, NID_subject_key_identifier, "hash");
    } else {
        ok = ok && addExtension(cert, iss, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert, iss, NID_key_usage, "critical,digitalSignature,keyEncipherment");
        ok = ok && addExtension(cert, iss, NID_ext_key_usage, "serverAuth");
        ok = ok && addExtension(cert, iss, NID_subject_alt_name, "IP:127.0.0.1,IP:::1,DNS:localhost");
        ok = ok && addExtension(cert, iss, NID_authority_key_identifier, "keyid:always");
    }
    if (!ok || X509_sign(cert, issuerKey ? issuerKey : key, EVP_sha256()) == 0) {
        X509_free(cert);
        return nullptr;
    }
    return cert;
}

std::string pem(X509 *cert)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<std::size_t>(len));
    BIO_free(bio);
    return out;
}

} // namespace

TlsMaterial::~TlsMaterial()
{
    X509_free(m_caCert);
    X509_free(m_serverCert);
    EVP_PKEY_free(m_caKey);
    EVP_PKEY_free(m_serverKey);
}

bool TlsMaterial::generate(std::string *error)
{
    m_caKey = EVP_EC_gen("P-256");
    m_serverKey = EVP_EC_gen("P-256");
    if (!m_caKey || !m_serverKey) {
        if (error)
            *error = opensslError("generating keys");
        return false;
    }
    long serial = 0;
    RAND_bytes(reinterpret_cast<unsigned char *>(&serial), sizeof serial - 1);
    serial = serial < 0 ? -serial : serial;
    m_caCert = makeCert(m_caKey, "rolldeck-sim CA", nullptr, nullptr, serial + 1, true);
    if (!m_caCert) {
        if (error)
            *error = opensslError("creating the CA certificate");
        return false;
    }
    m_serverCert = makeCert(m_serverKey, "127.0.0.1", m_caCert, m_caKey, serial + 2, false);
    if (!m_serverCert) {
        if (error)
            *error = opensslError("creating the server certificate");
        return false;
    }
    m_caPem = pem(m_caCert);
    m_serverCertPem = pem(m_serverCert);
    return true;
}

std::string base64(const std::string &data)
{
    std::vector<unsigned char> out(4 * ((data.size() + 2) / 3) + 1);
    const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char *>(data.data()),
                                  static_cast<int>(data.size()));
    return std::string(reinterpret_cast<const char *>(out.data()), static_cast<std::size_t>(n));
}

std::string randomHex(int bytes)
{
    std::vector<unsigned char> buf(static_cast<std::size_t>(bytes));
    RAND_bytes(buf.data(), bytes);
    static const char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : buf) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

} // namespace rdsim
