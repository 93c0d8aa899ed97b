using EOffice.ServiceDefaults.Time;

namespace EOffice.Web.Services;

/// <summary>The signed-in user for this tab.</summary>
public sealed class Session(Api api)
{
    /// <summary>The user, once known.</summary>
    public SessionUser? User { get; private set; }

    /// <summary>The role of the secretariat (registers incoming letters).</summary>
    public const string SecretariatRole = "secretariat";

    /// <summary>Loads the session; null when there is none (the API handler then sends the user to sign in).</summary>
    public async Task<SessionUser?> EnsureAsync()
    {
        if (User is not null)
        {
            return User;
        }

        try
        {
            User = Apply(await api.GetAsync<SessionInfo>("/api/session"));
        }
        catch (ApiException)
        {
            User = null;
        }

        return User;
    }

    private UserProfile? _profile;

    /// <summary>
    /// The acting position (Plt/Plh) this user works as in this tab when drafting, or null for their own position.
    /// Only new drafts use it; the server checks that it is held today.
    /// </summary>
    public ActingPosition? ActingAs { get; set; }

    /// <summary>The caller's profile (<c>/api/auth/me</c>), with the positions they act for.</summary>
    public async Task<UserProfile> ProfileAsync() => _profile ??= await api.GetAsync<UserProfile>("/api/auth/me");

    /// <summary>The positions the caller holds or acts for today.</summary>
    public async Task<IReadOnlySet<Guid>> PositionsAsync()
    {
        var set = new HashSet<Guid>();
        if (User?.PositionId is { } own)
        {
            set.Add(own);
        }

        try
        {
            var p = await ProfileAsync();
            if (p.PositionId is { } main)
            {
                set.Add(main);
            }

            foreach (var a in p.Acting ?? [])
            {
                set.Add(a.PositionId);
            }
        }
        catch (ApiException)
        {
            // the held position only
        }

        return set;
    }

    /// <summary>Signs in; throws <see cref="ApiException"/> on failure.</summary>
    public async Task<SessionUser> LoginAsync(string username, string password)
    {
        _profile = null;
        ActingAs = null;
        User = Apply(await api.PostAsync<SessionInfo>(ApiHandler.LoginPath, new { username, password }));
        return User;
    }

    // Times are shown in the city's zone, as the platform is configured (an unknown name keeps WIB).
    private static SessionUser Apply(SessionInfo session)
    {
        if (CityZone.Find(session.TimeZone) is { } zone)
        {
            CityZone.Use(zone.Id);
        }

        return session.User;
    }

    /// <summary>Signs out.</summary>
    public async Task LogoutAsync()
    {
        try
        {
            await api.PostAsync("/api/session/logout");
        }
        finally
        {
            User = null;
            _profile = null;
            ActingAs = null;
        }
    }
}
