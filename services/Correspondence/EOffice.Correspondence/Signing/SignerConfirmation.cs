using System.Text.RegularExpressions;
using EOffice.Correspondence.Documents;
using EOffice.Correspondence.Letters;
using EOffice.ServiceDefaults.Auth;
using EOffice.ServiceDefaults.Http;

namespace EOffice.Correspondence.Signing;

/// <summary>
/// How a signer confirms a signing, by the configured provider: with the built-in provider the account
/// password (checked by Directory); with BSrE their own NIK (checked against Directory) and the passphrase
/// of their certificate (checked by BSrE when it signs). BSrE is asked about the NIK before the unit's
/// number is taken, so an unregistered NIK or an expired certificate never holds the number.
/// </summary>
public sealed partial class SignerConfirmation(IConfiguration configuration, PasswordCheck passwords, NikCheck niks, IServiceProvider services)
{
    /// <summary>The configured provider (<see cref="SignatureProviders"/>).</summary>
    public string Provider { get; } = SignatureProviders.Configured(configuration);

    /// <summary>400 naming each missing field: <c>password</c>, or <c>nik</c> and <c>passphrase</c> with BSrE.</summary>
    public void Validate(SignRequest r)
    {
        var errors = new FieldErrors();
        if (Provider == SignatureProviders.Bsre)
        {
            errors.Required("nik", r.Nik, 16).Required("passphrase", r.Passphrase, 200);
            if (!string.IsNullOrWhiteSpace(r.Nik))
            {
                errors.Check(NikFormat().IsMatch(r.Nik), "nik", "NIK terdiri dari 16 angka.");
            }
        }
        else
        {
            errors.Required("password", r.Password, 200);
        }

        errors.ThrowIfAny();
    }

    /// <summary>Confirms the signer; returns what the provider needs to sign (null for the built-in one).</summary>
    public async Task<SignerCredentials?> ConfirmAsync(SignRequest r, Caller caller, string clientAddress, CancellationToken ct)
    {
        if (Provider != SignatureProviders.Bsre)
        {
            if (!await passwords.IsValidAsync(caller.UserId, r.Password!, clientAddress, ct))
            {
                throw ProblemException.Invalid("password", "Wrong password.");
            }

            return null;
        }

        await niks.RequireOwnAsync(caller.UserId, r.Nik!, ct);
        switch (await services.GetRequiredService<BsreClient>().StatusAsync(r.Nik!, ct))
        {
            case BsreSignerStatus.NotRegistered:
                throw BsreClient.NotRegistered();
            case BsreSignerStatus.CertificateInactive:
                throw BsreClient.CertificateInactive();
        }

        return new SignerCredentials(r.Nik!, r.Passphrase!);
    }

    [GeneratedRegex("^[0-9]{16}$")]
    private static partial Regex NikFormat();
}
