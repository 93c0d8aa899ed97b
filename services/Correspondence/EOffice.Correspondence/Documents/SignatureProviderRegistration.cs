namespace EOffice.Correspondence.Documents;

/// <summary>Registers the provider <c>Signing:Provider</c> names (<c>Local</c>, the default, or <c>Bsre</c>).</summary>
public static class SignatureProviderRegistration
{
    /// <summary>Adds <see cref="ISignatureProvider"/> and what it needs; a wrong setting stops the service at start.</summary>
    public static WebApplicationBuilder AddSignatureProvider(this WebApplicationBuilder builder)
    {
        if (SignatureProviders.Configured(builder.Configuration) == SignatureProviders.Bsre)
        {
            var settings = BsreSettings.FromConfiguration(builder.Configuration);
            builder.Services.AddHttpClient<BsreClient>(settings.Apply);
            builder.Services.AddSingleton<ISignatureProvider, BsreSignatureProvider>();
            return builder;
        }

        builder.Services.AddSingleton(sp => SigningCertificate.FromConfiguration(
            builder.Configuration, builder.Environment, sp.GetRequiredService<ILoggerFactory>().CreateLogger<SigningCertificate>()));
        builder.Services.AddSingleton<ISignatureProvider>(sp => new LocalSignatureProvider(sp.GetRequiredService<SigningCertificate>()));
        // Read the certificate at start, so a missing one stops the service then rather than at the first signing.
        builder.Services.AddHostedService<SigningCertificateCheck>();
        return builder;
    }
}
