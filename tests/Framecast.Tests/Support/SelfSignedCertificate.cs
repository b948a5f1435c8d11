using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Framecast.Tests.Support;

/// <summary>A throwaway certificate for 127.0.0.1 and localhost, written as PFX and as PEM (nginx) files.</summary>
public sealed record SelfSignedCertificate(string PfxPath, string Password, string CertificatePemPath, string KeyPemPath)
{
    public static SelfSignedCertificate Create(string directory)
    {
        Directory.CreateDirectory(directory);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var password = Guid.NewGuid().ToString("N");
        var pfx = Path.Combine(directory, "localhost.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, password));
        var certPem = Path.Combine(directory, "localhost.crt");
        File.WriteAllText(certPem, certificate.ExportCertificatePem());
        var keyPem = Path.Combine(directory, "localhost.key");
        File.WriteAllText(keyPem, key.ExportPkcs8PrivateKeyPem());
        return new SelfSignedCertificate(pfx, password, certPem, keyPem);
    }
}
