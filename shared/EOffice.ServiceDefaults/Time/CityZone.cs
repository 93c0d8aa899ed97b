namespace EOffice.ServiceDefaults.Time;

/// <summary>
/// The city's time zone: one of Indonesia's three (none has daylight saving, so each is a fixed offset), chosen by
/// configuration <c>City:TimeZone</c> (an IANA id such as <c>Asia/Makassar</c>, or its Indonesian name <c>WITA</c>;
/// default <c>Asia/Jakarta</c>, WIB). Every service and the web app read the zone from <see cref="Current"/>; this
/// file is the only place an offset is written.
/// </summary>
public sealed record CityZone(string Id, string Name, TimeSpan Offset)
{
    /// <summary>Waktu Indonesia Barat (UTC+7): Sumatra, Java, West and Central Kalimantan.</summary>
    public static readonly CityZone Wib = new("Asia/Jakarta", "WIB", TimeSpan.FromHours(7));

    /// <summary>Waktu Indonesia Tengah (UTC+8): Bali, Nusa Tenggara, Sulawesi, East, North and South Kalimantan.</summary>
    public static readonly CityZone Wita = new("Asia/Makassar", "WITA", TimeSpan.FromHours(8));

    /// <summary>Waktu Indonesia Timur (UTC+9): Maluku and Papua.</summary>
    public static readonly CityZone Wit = new("Asia/Jayapura", "WIT", TimeSpan.FromHours(9));

    /// <summary>The zones a city can choose, with the IANA ids that name the same offsets.</summary>
    public static readonly IReadOnlyList<CityZone> All =
    [
        Wib, Wita, Wit,
        Wib with { Id = "Asia/Pontianak" }, Wita with { Id = "Asia/Ujung_Pandang" },
    ];

    /// <summary>The zone in force in this process (WIB until <see cref="Use"/> says otherwise).</summary>
    public static CityZone Current { get; private set; } = Wib;

    /// <summary>The zone named by an IANA id or an Indonesian name (case-insensitive), or null.</summary>
    public static CityZone? Find(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? null
            : All.FirstOrDefault(z => string.Equals(z.Id, name.Trim(), StringComparison.OrdinalIgnoreCase))
              ?? All.FirstOrDefault(z => string.Equals(z.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Makes <paramref name="name"/> the zone of this process (blank keeps WIB); an unknown name fails at start with
    /// the names that are allowed, rather than printing times an hour or two off.
    /// </summary>
    public static CityZone Use(string? name)
    {
        Current = string.IsNullOrWhiteSpace(name)
            ? Wib
            : Find(name) ?? throw new InvalidOperationException(
                $"City:TimeZone '{name}' is not a time zone of Indonesia; use one of {string.Join(", ", All.Select(z => $"{z.Id} ({z.Name})").Distinct())}.");
        return Current;
    }
}
