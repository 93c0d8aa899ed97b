namespace EOffice.Web.Services;

/// <summary>An RFC 7807 problem as the API answers it.</summary>
public sealed record Problem(int Status, string? Title, string? Detail, string? Code, Dictionary<string, string[]>? Errors)
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["Required."] = "Wajib diisi.",
        ["At least one addressee."] = "Minimal satu penerima.",
        ["No such position."] = "Jabatan tidak ditemukan.",
        ["Cannot be in the future."] = "Tidak boleh di masa depan.",
        ["Not a real date."] = "Tanggal tidak valid.",
        ["A valid email address."] = "Alamat email tidak valid.",
        ["Wrong password."] = "Kata sandi salah.",
        ["Say why the letter is returned."] = "Tuliskan alasan pengembalian.",
        ["At least one reviewer or signer."] = "Minimal satu pemeriksa atau penandatangan.",
        ["A reviewer appears twice."] = "Pemeriksa tercantum dua kali.",
        ["The signer signs; they are not also a reviewer."] = "Penandatangan tidak boleh juga menjadi pemeriksa.",
        ["At least one position."] = "Minimal satu jabatan.",
        ["That is your own position."] = "Itu jabatan Anda sendiri.",
        ["This position already received the letter as addressee or cc."] = "Jabatan ini sudah menerima surat ini sebagai tujuan atau tembusan.",
    };

    /// <summary>The messages for a field (and its sub-fields such as <c>to[0].external.email</c>), joined; null when none.</summary>
    public string? For(string field)
    {
        if (Errors is null)
        {
            return null;
        }

        var messages = Errors
            .Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)
                || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
                || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value.Select(Translate))
            .ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Field errors whose field is not one of <paramref name="shown"/>, as "field: message" lines.</summary>
    public IReadOnlyList<string> Others(params string[] shown) =>
        Errors is null
            ? []
            : Errors.Where(e => !shown.Any(s => string.Equals(e.Key, s, StringComparison.OrdinalIgnoreCase)
                    || e.Key.StartsWith(s + "[", StringComparison.OrdinalIgnoreCase)
                    || e.Key.StartsWith(s + ".", StringComparison.OrdinalIgnoreCase)))
                .Select(e => $"{e.Key}: {string.Join(" ", e.Value.Select(Translate))}")
                .ToList();

    /// <summary>A general message in Indonesian for the status.</summary>
    public string Message => Status switch
    {
        400 when Errors is { Count: > 0 } => "Periksa kembali isian yang ditandai.",
        400 => "Permintaan tidak valid" + (Detail is { Length: > 0 } d ? $": {d}" : "."),
        401 => "Sesi Anda telah berakhir. Silakan masuk kembali.",
        403 => "Anda tidak berwenang melakukan ini.",
        404 => "Data tidak ditemukan.",
        409 => "Tindakan ini tidak dapat dilakukan pada status sekarang" + (Detail is { Length: > 0 } d ? $" ({d})" : "."),
        412 => "Naskah diubah orang lain — muat ulang.",
        413 => "Berkas terlalu besar.",
        415 => "Jenis berkas tidak didukung. Gunakan PDF, PNG, JPEG, DOCX, XLSX atau ODT.",
        429 => "Terlalu banyak percobaan. Coba lagi nanti.",
        0 => "Tidak dapat terhubung ke server. Periksa koneksi Anda.",
        >= 500 => "Terjadi kesalahan pada server. Coba lagi nanti.",
        _ => Detail ?? Title ?? "Terjadi kesalahan.",
    };

    /// <summary>Known English messages in Indonesian; others as they are.</summary>
    public static string Translate(string message) => Known.TryGetValue(message, out var id) ? id : message;
}

/// <summary>An API call that answered a problem.</summary>
public sealed class ApiException(Problem problem) : Exception(problem.Detail ?? problem.Title ?? $"HTTP {problem.Status}")
{
    /// <summary>The problem.</summary>
    public Problem Problem { get; } = problem;
}
