using System.Security.Cryptography;
using EOffice.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EOffice.Directory.Tokens;

/// <summary>Token lifetimes (section <c>Directory:Tokens</c>).</summary>
public sealed class TokenSettings
{
    /// <summary>Access token lifetime.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refresh token lifetime (a working day and some).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>The claims an access token carries about its user.</summary>
public sealed record TokenSubject(Guid UserId, string Name, string Nip, Guid? PositionId, Guid? UnitId, IReadOnlyList<string> Roles);

/// <summary>Creates signed access tokens and opaque refresh tokens.</summary>
public sealed class TokenIssuer(SigningKeys keys, AuthSettings auth, TokenSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Access token lifetime in seconds.</summary>
    public int AccessTokenSeconds => (int)settings.AccessTokenLifetime.TotalSeconds;

    /// <summary>A signed ES256 access token.</summary>
    public string CreateAccessToken(TokenSubject subject)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [CallerClaims.Subject] = subject.UserId.ToString(),
            [CallerClaims.Name] = subject.Name,
            [CallerClaims.Nip] = subject.Nip,
            [CallerClaims.Role] = subject.Roles.ToArray(),
            [JwtRegisteredClaimNames.Jti] = Guid.CreateVersion7().ToString(),
        };
        if (subject.PositionId is { } p)
        {
            claims[CallerClaims.PositionId] = p.ToString();
        }

        if (subject.UnitId is { } u)
        {
            claims[CallerClaims.UnitId] = u.ToString();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(settings.AccessTokenLifetime),
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.EcdsaSha256),
        });
    }

    /// <summary>A new random refresh token and the hash we keep of it.</summary>
    public static (string Token, string Hash) CreateRefreshToken()
    {
        var token = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (token, HashRefreshToken(token));
    }

    /// <summary>What is stored of a refresh token (never the token itself).</summary>
    public static string HashRefreshToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
