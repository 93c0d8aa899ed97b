using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace EOffice.Correspondence.Documents;

/// <summary>
/// The built-in provider (<c>Signing:Provider</c> = <c>Local</c>): a detached CMS signature (SHA-256,
/// with signing time and the ESS signing-certificate-v2 attribute PAdES asks for) over the whole file
/// except the signature itself, made with the X.509 certificate of <see cref="SigningCertificate"/>.
/// </summary>
public sealed class LocalSignatureProvider(SigningCertificate certificate) : ISignatureProvider
{
    /// <inheritdoc />
    public async Task<byte[]> SignAsync(byte[] pdf, DocumentSignature signature, CancellationToken ct)
    {
        var (cert, chain) = certificate.Current();
        using var input = new MemoryStream(pdf, writable: false);
        using var doc = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        var options = new DigitalSignatureOptions
        {
            ContactInfo = signature.SignerName,
            Location = signature.Location,
            Reason = signature.Reason,
            AppName = "EOffice",
        };
        DigitalSignatureHandler.ForDocument(doc, new CmsSigner(cert, chain, signature.At), options);
        using var output = new MemoryStream();
        await doc.SaveAsync(output, false);
        return output.ToArray();
    }

    private sealed class CmsSigner(X509Certificate2 certificate, X509Certificate2Collection chain, DateTimeOffset at) : IDigitalSigner
    {
        public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, false);

        public Task<int> GetSignatureSizeAsync() => Task.FromResult(16 * 1024);

        public Task<byte[]> GetSignatureAsync(Stream stream)
        {
            // PDFsharp's ranged stream (the file without the signature's placeholder) is read whole, from the start, synchronously.
            var content = new byte[stream.Length];
            stream.Position = 0;
            var read = 0;
            while (read < content.Length && stream.Read(content, read, content.Length - read) is > 0 and var n)
            {
                read += n;
            }

            var cms = new SignedCms(new ContentInfo(content), detached: true);
            var signer = new System.Security.Cryptography.Pkcs.CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.Certificates.AddRange(chain);
            signer.SignedAttributes.Add(new Pkcs9SigningTime(at.UtcDateTime));
            signer.SignedAttributes.Add(SigningCertificateV2(certificate));
            cms.ComputeSignature(signer, silent: true);
            return Task.FromResult(cms.Encode());
        }

        // ESS signing-certificate-v2 (RFC 5035) with the SHA-256 of the certificate: SEQUENCE { SEQUENCE OF ESSCertIDv2 { SEQUENCE { OCTET STRING } } }.
        private static AsnEncodedData SigningCertificateV2(X509Certificate2 cert)
        {
            var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteOctetString(SHA256.HashData(cert.RawData));
                    }
                }
            }

            return new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), writer.Encode());
        }
    }
}
