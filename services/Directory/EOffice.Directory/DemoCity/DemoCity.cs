namespace EOffice.Directory.DemoCity;

/// <summary>
/// The demo city (modelled on Kota Depok): a city government, its regional secretariat and three
/// agencies, each three levels deep (agency → division → section). Every demo user's password is
/// <see cref="Password"/>. Listed in README.md; keep the two in step.
/// </summary>
public static class DemoCityData
{
    /// <summary>The password of every demo user.</summary>
    public const string Password = "Demo#2026";

    /// <summary>A demo unit: code, name, parent code.</summary>
    public sealed record Unit(string Code, string Name, string? Parent);

    /// <summary>A demo position: key, title, unit code, superior key, whether it heads its unit, and its holder.</summary>
    public sealed record Position(string Key, string Title, string Unit, string? Superior, bool Head, Person? Holder);

    /// <summary>
    /// A made-up NIK for the <paramref name="ordinal"/>-th demo person: Kota Depok's region code 3276 and
    /// district 01, the birth date of the NIP (day + 40 for women, as NIKs write it) and a serial number.
    /// </summary>
    public static string DemoNik(string nip, int ordinal)
    {
        var day = int.Parse(nip.AsSpan(6, 2), System.Globalization.CultureInfo.InvariantCulture) + (nip[14] == '2' ? 40 : 0);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"327601{day:D2}{nip.AsSpan(4, 2)}{nip.AsSpan(2, 2)}{ordinal + 1:D4}");
    }

    /// <summary>A demo person.</summary>
    public sealed record Person(string Name, string Nip, string Email, params string[] Roles);

    /// <summary>The units, parents first.</summary>
    /// <summary>The kop surat of the demo agencies (code, name lines, address, phone, e-mail, website).</summary>
    public static readonly IReadOnlyList<(string Code, string[] Lines, string Address, string Phone, string Email, string Website)> Letterheads =
    [
        ("SETDA", ["PEMERINTAH KOTA DEPOK", "SEKRETARIAT DAERAH"], "Jl. Margonda Raya No. 54, Depok 16431", "(021) 7775405", "setda@depok.go.id", "www.depok.go.id"),
        ("DISKOMINFO", ["PEMERINTAH KOTA DEPOK", "DINAS KOMUNIKASI DAN INFORMATIKA"], "Jl. Margonda Raya No. 54, Gedung Baleka II Lt. 4, Depok 16431",
            "(021) 29402281", "diskominfo@depok.go.id", "diskominfo.depok.go.id"),
        ("BKPSDM", ["PEMERINTAH KOTA DEPOK", "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA"], "Jl. Margonda Raya No. 54, Depok 16431",
            "(021) 29402276", "bkpsdm@depok.go.id", "bkpsdm.depok.go.id"),
        ("DISDUKCAPIL", ["PEMERINTAH KOTA DEPOK", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"], "Jl. Margonda Raya No. 54, Depok 16431",
            "(021) 29402262", "disdukcapil@depok.go.id", "disdukcapil.depok.go.id"),
    ];

    public static readonly IReadOnlyList<Unit> Units =
    [
        new("PEMKOT", "Pemerintah Kota Depok", null),
        new("SETDA", "Sekretariat Daerah", "PEMKOT"),
        new("SETDA-UMUM", "Bagian Umum", "SETDA"),
        new("SETDA-UMUM-TU", "Subbagian Tata Usaha dan Kearsipan", "SETDA-UMUM"),
        new("DISKOMINFO", "Dinas Komunikasi dan Informatika", "PEMKOT"),
        new("DISKOMINFO-SEKRE", "Sekretariat Dinas Komunikasi dan Informatika", "DISKOMINFO"),
        new("DISKOMINFO-APTIKA", "Bidang Aplikasi Informatika", "DISKOMINFO"),
        new("DISKOMINFO-APTIKA-PA", "Seksi Pengembangan Aplikasi", "DISKOMINFO-APTIKA"),
        new("DISKOMINFO-IKP", "Bidang Informasi dan Komunikasi Publik", "DISKOMINFO"),
        new("DISKOMINFO-IKP-PI", "Seksi Pengelolaan Informasi Publik", "DISKOMINFO-IKP"),
        new("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "PEMKOT"),
        new("BKPSDM-SEKRE", "Sekretariat Badan Kepegawaian dan Pengembangan SDM", "BKPSDM"),
        new("BKPSDM-MUTASI", "Bidang Mutasi dan Promosi", "BKPSDM"),
        new("BKPSDM-MUTASI-JAB", "Subbidang Jabatan dan Kepangkatan", "BKPSDM-MUTASI"),
        new("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "PEMKOT"),
        new("DISDUKCAPIL-SEKRE", "Sekretariat Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL"),
        new("DISDUKCAPIL-DAFDUK", "Bidang Pelayanan Pendaftaran Penduduk", "DISDUKCAPIL"),
        new("DISDUKCAPIL-DAFDUK-IDP", "Seksi Identitas Penduduk", "DISDUKCAPIL-DAFDUK"),
    ];

    /// <summary>
    /// The positions, superiors first. Each agency's mail clerk (pengadministrasi persuratan, role
    /// secretariat) sits at the agency's front desk — its top unit — and reports to the agency's secretary.
    /// </summary>
    public static readonly IReadOnlyList<Position> Positions =
    [
        new("walikota", "Wali Kota Depok", "PEMKOT", null, true, new("Hadi Wibowo", "196403121990031005", "walikota@eoffice.local", "staff")),
        new("sekda", "Sekretaris Daerah", "SETDA", "walikota", true, new("Bagus Permana", "197006151995031002", "sekda@eoffice.local", "staff")),
        new("kabag-umum", "Kepala Bagian Umum", "SETDA-UMUM", "sekda", true, new("Dewi Kartika Sari", "197511082001122003", "dewi.kartika@eoffice.local", "staff")),
        new("kasubbag-tu", "Kepala Subbagian Tata Usaha dan Kearsipan", "SETDA-UMUM-TU", "kabag-umum", true, new("Rahmat Hidayat", "198002142005011004", "rahmat.hidayat@eoffice.local", "staff", "secretariat", "archivist")),
        new("setda-pengadministrasi", "Pengadministrasi Persuratan Sekretariat Daerah", "SETDA-UMUM-TU", "kasubbag-tu", false, new("Siti Nurhaliza", "199105232015032001", "siti.nurhaliza@eoffice.local", "staff", "secretariat")),
        new("setda-arsiparis", "Arsiparis Ahli Muda Sekretariat Daerah", "SETDA-UMUM-TU", "kasubbag-tu", false, new("Bambang Sutrisno", "198507092010011007", "bambang.sutrisno@eoffice.local", "staff", "archivist")),

        new("kadis-kominfo", "Kepala Dinas Komunikasi dan Informatika", "DISKOMINFO", "sekda", true, new("Hendra Gunawan", "197204171998031003", "hendra.gunawan@eoffice.local", "staff")),
        new("sekdis-kominfo", "Sekretaris Dinas Komunikasi dan Informatika", "DISKOMINFO-SEKRE", "kadis-kominfo", true, new("Ratna Wulandari", "197809252003122002", "ratna.wulandari@eoffice.local", "staff", "secretariat", "archivist")),
        new("kominfo-pengadministrasi", "Pengadministrasi Persuratan Dinas Kominfo", "DISKOMINFO", "sekdis-kominfo", false, new("Putri Anggraini", "199406122019032006", "putri.anggraini@eoffice.local", "staff", "secretariat")),
        new("kominfo-arsiparis", "Arsiparis Ahli Pertama Dinas Kominfo", "DISKOMINFO-SEKRE", "sekdis-kominfo", false, new("Agus Salim", "199001302014031002", "agus.salim@eoffice.local", "staff", "archivist")),
        new("kabid-aptika", "Kepala Bidang Aplikasi Informatika", "DISKOMINFO-APTIKA", "kadis-kominfo", true, new("Yusuf Maulana", "198103102006041005", "yusuf.maulana@eoffice.local", "staff")),
        new("kasi-pa", "Kepala Seksi Pengembangan Aplikasi", "DISKOMINFO-APTIKA-PA", "kabid-aptika", true, new("Lina Marlina", "198608212011012004", "lina.marlina@eoffice.local", "staff")),
        new("pranata-komputer-1", "Pranata Komputer Ahli Pertama", "DISKOMINFO-APTIKA-PA", "kasi-pa", false, new("Fajar Nugroho", "199512042020121003", "fajar.nugroho@eoffice.local", "staff")),
        new("pranata-komputer-2", "Pranata Komputer Terampil", "DISKOMINFO-APTIKA-PA", "kasi-pa", false, new("Nadia Rahmawati", "199708152022032007", "nadia.rahmawati@eoffice.local", "staff")),
        new("admin-sistem", "Administrator Sistem Informasi", "DISKOMINFO-APTIKA-PA", "kasi-pa", false, new("Administrator EOffice", "198801012012011001", "admin@eoffice.local", "staff", "admin")),
        new("kabid-ikp", "Kepala Bidang Informasi dan Komunikasi Publik", "DISKOMINFO-IKP", "kadis-kominfo", true, new("Sri Mulyani Lestari", "197912182005022001", "sri.lestari@eoffice.local", "staff")),
        new("kasi-pi", "Kepala Seksi Pengelolaan Informasi Publik", "DISKOMINFO-IKP-PI", "kabid-ikp", true, new("Teguh Prasetyo", "198404052009011006", "teguh.prasetyo@eoffice.local", "staff")),
        new("pranata-humas", "Pranata Hubungan Masyarakat Ahli Pertama", "DISKOMINFO-IKP-PI", "kasi-pi", false, new("Intan Permatasari", "199609272021022003", "intan.permatasari@eoffice.local", "staff")),

        new("kaban-bkpsdm", "Kepala Badan Kepegawaian dan Pengembangan SDM", "BKPSDM", "sekda", true, new("Imam Santoso", "197302251999031004", "imam.santoso@eoffice.local", "staff")),
        new("sekban-bkpsdm", "Sekretaris Badan Kepegawaian dan Pengembangan SDM", "BKPSDM-SEKRE", "kaban-bkpsdm", true, new("Endang Suryani", "197706302002122005", "endang.suryani@eoffice.local", "staff", "secretariat", "archivist")),
        new("bkpsdm-pengadministrasi", "Pengadministrasi Persuratan BKPSDM", "BKPSDM", "sekban-bkpsdm", false, new("Rizky Ramadhan", "199301172018011002", "rizky.ramadhan@eoffice.local", "staff", "secretariat", "archivist")),
        new("kabid-mutasi", "Kepala Bidang Mutasi dan Promosi", "BKPSDM-MUTASI", "kaban-bkpsdm", true, new("Wahyu Setiawan", "198010122005011009", "wahyu.setiawan@eoffice.local", "staff")),
        new("kasubbid-jabatan", "Kepala Subbidang Jabatan dan Kepangkatan", "BKPSDM-MUTASI-JAB", "kabid-mutasi", true, new("Maya Puspitasari", "198705192010012006", "maya.puspitasari@eoffice.local", "staff")),
        new("analis-kepegawaian", "Analis Sumber Daya Manusia Aparatur", "BKPSDM-MUTASI-JAB", "kasubbid-jabatan", false, new("Dimas Aditya", "199411082019031004", "dimas.aditya@eoffice.local", "staff")),

        new("kadis-dukcapil", "Kepala Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL", "sekda", true, new("Nurul Hidayah", "197408081999032002", "nurul.hidayah@eoffice.local", "staff")),
        // Vacant: Wahyuni Pratiwi acts for it (Plt), see ActingAssignments.
        new("sekdis-dukcapil", "Sekretaris Dinas Kependudukan dan Pencatatan Sipil", "DISDUKCAPIL-SEKRE", "kadis-dukcapil", true, null),
        new("dukcapil-pengadministrasi", "Pengadministrasi Persuratan Dinas Dukcapil", "DISDUKCAPIL", "sekdis-dukcapil", false, new("Ahmad Fauzi", "199208142017031005", "ahmad.fauzi@eoffice.local", "staff", "secretariat", "archivist")),
        new("dukcapil-arsiparis", "Arsiparis Terampil Dinas Dukcapil", "DISDUKCAPIL-SEKRE", "sekdis-dukcapil", false, new("Yuliana Safitri", "199507302020122004", "yuliana.safitri@eoffice.local", "staff", "archivist")),
        new("kabid-dafduk", "Kepala Bidang Pelayanan Pendaftaran Penduduk", "DISDUKCAPIL-DAFDUK", "kadis-dukcapil", true, new("Wahyuni Pratiwi", "198202282006042003", "wahyuni.pratiwi@eoffice.local", "staff")),
        new("kasi-idp", "Kepala Seksi Identitas Penduduk", "DISDUKCAPIL-DAFDUK-IDP", "kabid-dafduk", true, new("Andi Kurniawan", "198906062012011003", "andi.kurniawan@eoffice.local", "staff")),
        new("operator-ktp", "Pengolah Data Kependudukan", "DISDUKCAPIL-DAFDUK-IDP", "kasi-idp", false, new("Eka Saputra", "199810102023211001", "eka.saputra@eoffice.local", "staff")),
    ];

    /// <summary>Acting holders: (position key, holder's email, kind, days from today to start, days to end).</summary>
    public static readonly IReadOnlyList<(string Position, string Email, string Kind, int FromDays, int ToDays)> ActingAssignments =
    [
        ("sekdis-dukcapil", "wahyuni.pratiwi@eoffice.local", "Plt", -30, 150),
    ];
}
