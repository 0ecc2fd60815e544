using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ConsultDesk.IntegrationTests.Infrastructure;

namespace ConsultDesk.IntegrationTests.Operations;

/// <summary>With ConsultDesk:DataProtection:CertificatePath set, no key file holds its secret in clear, and the keys still work after a restart.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task Keys_are_encrypted_with_the_configured_certificate_and_read_back_after_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("consultdesk-keys-").FullName;
        var certificatePath = Path.Combine(Directory.CreateTempSubdirectory("consultdesk-cert-").FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=ConsultDesk key protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        }
        var settings = new Dictionary<string, string>
        {
            ["ConsultDesk:DataDirectory"] = data,
            ["ConsultDesk:DataProtection:CertificatePath"] = certificatePath,
            ["ConsultDesk:DataProtection:CertificatePassword"] = "pfx-password",
            ["ConsultDesk:Bootstrap:AdminEmail"] = "admin@keys.test",
            ["ConsultDesk:Bootstrap:AdminPassword"] = "Keys-Admin-2026",
            ["Logging:LogLevel:Default"] = "Warning",
        };

        string token;
        var port = AppProcess.FreePort();
        await using (var app = await AppProcess.StartAsync(settings, port))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            token = await Staff.TokenAsync(client, "admin@keys.test", "Keys-Admin-2026");
        }

        var keyFiles = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        }

        // A second process decrypts the key with the same certificate: the token minted by the first still works.
        await using (var app = await AppProcess.StartAsync(settings, port))
        {
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users/me")).StatusCode);
        }
    }
}
