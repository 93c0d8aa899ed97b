namespace EOffice.Archive.Bench;

/// <summary>
/// The words the generator draws realistic Indonesian official letters from: subject templates and
/// topics, a vocabulary of government words (roughly most frequent first, with inflected forms so the
/// stemmer has work), rarer specialist terms, people's names, position titles and unit names.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Subject templates: the letter type and its subject ({topic}, {n} a quarter I–IV, {h} a half I–II, {year}).</summary>
    public static readonly (string Type, string Pattern)[] Templates =
    [
        ("Surat Undangan", "Undangan rapat koordinasi {topic}"),
        ("Laporan", "Laporan {topic} triwulan {n} tahun {year}"),
        ("Surat Dinas", "Permohonan data {topic}"),
        ("Surat Edaran", "Surat edaran tentang {topic}"),
        ("Nota Dinas", "Penyampaian hasil evaluasi {topic}"),
        ("Surat Dinas", "Permohonan narasumber kegiatan sosialisasi {topic}"),
        ("Surat Keputusan", "Keputusan pembentukan tim pelaksana {topic}"),
        ("Nota Dinas", "Usulan anggaran kegiatan {topic} tahun {year}"),
        ("Surat Tugas", "Surat tugas monitoring dan evaluasi {topic}"),
        ("Surat Dinas", "Pemberitahuan jadwal pelaksanaan {topic}"),
        ("Laporan", "Laporan pertanggungjawaban kegiatan {topic}"),
        ("Surat Undangan", "Undangan bimbingan teknis {topic}"),
        ("Nota Dinas", "Tindak lanjut hasil rapat {topic}"),
        ("Surat Dinas", "Permohonan rekomendasi {topic}"),
        ("Berita Acara", "Berita acara serah terima {topic}"),
        ("Surat Dinas", "Penyampaian rencana kerja {topic} tahun {year}"),
        ("Nota Dinas", "Permintaan klarifikasi {topic}"),
        ("Surat Pengantar", "Pengantar dokumen {topic}"),
        ("Surat Dinas", "Pemutakhiran data {topic} semester {h}"),
        ("Surat Keterangan", "Keterangan pelaksanaan verifikasi {topic}"),
        ("Instruksi", "Instruksi percepatan {topic}"),
        ("Surat Undangan", "Undangan diskusi kelompok terpumpun {topic}"),
    ];

    /// <summary>Topics of city-government letters.</summary>
    public static readonly string[] Topics =
    [
        "kepegawaian", "pengadaan barang dan jasa", "anggaran pendapatan dan belanja daerah", "kependudukan", "perizinan berusaha",
        "pelayanan kesehatan", "pendidikan dasar", "infrastruktur jalan", "penanggulangan bencana", "pengelolaan sampah",
        "ketahanan pangan", "penanganan stunting", "imunisasi anak", "penerimaan calon aparatur sipil negara", "mutasi pegawai",
        "kenaikan pangkat", "disiplin pegawai", "cuti tahunan pegawai", "sistem pemerintahan berbasis elektronik", "keamanan informasi",
        "jaringan internet kelurahan", "pusat data daerah", "aplikasi layanan publik", "keterbukaan informasi publik", "hubungan masyarakat",
        "pengelolaan arsip dinamis", "penyusutan arsip", "barang milik daerah", "aset tanah pemerintah", "pajak daerah",
        "retribusi parkir", "pendapatan asli daerah", "bantuan sosial", "penanganan fakir miskin", "perlindungan anak",
        "pemberdayaan perempuan", "usaha mikro kecil dan menengah", "pasar tradisional", "transportasi umum", "penataan ruang",
        "persetujuan bangunan gedung", "ruang terbuka hijau", "drainase perkotaan", "air bersih", "penerangan jalan umum",
        "ketertiban umum", "pencegahan kebakaran", "pemilihan umum", "kerukunan umat beragama", "kepemudaan dan olahraga",
        "pariwisata daerah", "kebudayaan daerah", "perpustakaan daerah", "kartu tanda penduduk elektronik", "akta kelahiran",
        "statistik sektoral", "satu data Indonesia", "reformasi birokrasi", "akuntabilitas kinerja", "pengawasan internal",
        "audit keuangan", "rencana pembangunan jangka menengah daerah", "musyawarah perencanaan pembangunan", "dana kelurahan", "posyandu",
        "puskesmas", "rumah sakit umum daerah", "pengendalian inflasi",
    ];

    /// <summary>Common words of official letters, roughly most frequent first (the generator draws with a Zipf-like skew).</summary>
    public static readonly string[] Common =
    [
        "dalam", "rangka", "pelaksanaan", "kegiatan", "bersama", "ini", "kami", "sampaikan", "bahwa", "dengan",
        "daerah", "pemerintah", "kota", "tahun", "pegawai", "anggaran", "laporan", "data", "pelayanan", "masyarakat",
        "sesuai", "ketentuan", "peraturan", "rapat", "koordinasi", "kepegawaian", "undangan", "program", "rencana", "hasil",
        "tindak", "lanjut", "informasi", "evaluasi", "dinas", "badan", "bidang", "seksi", "kepala", "kerja",
        "pengadaan", "barang", "jasa", "keuangan", "pembangunan", "sistem", "aplikasi", "dokumen", "arsip", "surat",
        "administrasi", "pengelolaan", "melaporkan", "dilaporkan", "mengundang", "diundang", "melayani", "layanan", "perencanaan", "merencanakan",
        "mengevaluasi", "menindaklanjuti", "keputusan", "memutuskan", "sekretaris", "unit", "bekerja", "pekerjaan", "belanja", "pembiayaan",
        "dana", "biaya", "membangun", "pengembangan", "mengembangkan", "teknologi", "digital", "elektronik", "jaringan", "keamanan",
        "pengamanan", "berkas", "kearsipan", "pengarsipan", "persuratan", "tata", "usaha", "mengelola", "dikelola", "pengawasan",
        "mengawasi", "pemeriksaan", "memeriksa", "diperiksa", "verifikasi", "memverifikasi", "validasi", "penyusunan", "menyusun", "disusun",
        "penetapan", "menetapkan", "ditetapkan", "pengesahan", "mengesahkan", "permohonan", "memohon", "dimohon", "persetujuan", "menyetujui",
        "disetujui", "rekomendasi", "merekomendasikan", "usulan", "mengusulkan", "diusulkan", "penyampaian", "menyampaikan", "disampaikan", "pemberitahuan",
        "memberitahukan", "diberitahukan", "penugasan", "menugaskan", "ditugaskan", "tugas", "fungsi", "tanggung", "jawab", "bertanggung",
        "kewenangan", "wewenang", "kebijakan", "strategi", "sasaran", "target", "capaian", "kinerja", "indikator", "realisasi",
        "merealisasikan", "monitoring", "pemantauan", "memantau", "sosialisasi", "menyosialisasikan", "pelatihan", "melatih", "bimbingan", "teknis",
        "peningkatan", "meningkatkan", "kapasitas", "kompetensi", "sumber", "daya", "manusia", "aparatur", "sipil", "negara",
        "jabatan", "fungsional", "struktural", "pangkat", "golongan", "kenaikan", "mutasi", "promosi", "pensiun", "cuti",
        "disiplin", "kehadiran", "tunjangan", "gaji", "honorarium", "perjalanan", "kendaraan", "gedung", "kantor", "ruang",
        "fasilitas", "sarana", "prasarana", "peralatan", "pemeliharaan", "memelihara", "perbaikan", "memperbaiki", "inventarisasi", "aset",
        "penghapusan", "menghapus", "pemusnahan", "memusnahkan", "penyusutan", "retensi", "jadwal", "waktu", "tempat", "acara",
        "agenda", "peserta", "narasumber", "publik", "keterbukaan", "pengaduan", "keluhan", "penanganan", "menangani", "ditangani",
        "percepatan", "mempercepat", "optimalisasi", "efektivitas", "efisiensi", "transparansi", "akuntabilitas", "integritas", "reformasi", "birokrasi",
        "inovasi", "kolaborasi", "sinergi", "kemitraan", "nota", "kesepahaman", "perjanjian", "kontrak", "penyedia", "tender",
        "pembayaran", "membayar", "dibayarkan", "pajak", "retribusi", "pendapatan", "penerimaan", "pengeluaran", "rekening", "bendahara",
        "akuntansi", "neraca", "audit", "temuan", "klarifikasi", "konfirmasi", "mengonfirmasi", "penjelasan", "menjelaskan", "petunjuk",
        "pedoman", "standar", "prosedur", "operasional", "mekanisme", "persyaratan", "syarat", "formulir", "lampiran", "melampirkan",
        "terlampir", "tembusan", "mengetahui", "diketahui", "perhatian", "segera", "paling", "lambat", "tanggal", "bulan",
        "minggu", "hari", "pukul", "bertempat", "aula", "balai", "kelurahan", "kecamatan", "provinsi", "pusat",
        "kementerian", "lembaga", "instansi", "perangkat", "organisasi", "satuan", "wilayah", "warga", "penduduk", "kependudukan",
        "perizinan", "mengizinkan", "kesehatan", "pendidikan", "sekolah", "jalan", "lingkungan", "sampah", "bencana", "sosial",
        "bantuan", "membantu", "pangan", "pertanian", "perdagangan", "pasar", "transportasi", "perhubungan", "perumahan", "permukiman",
    ];

    /// <summary>Specialist terms, each in a small share of letters (the "rarer word" queries use some).</summary>
    public static readonly string[] Rare =
    [
        "sertifikasi", "akreditasi", "geospasial", "kartografi", "hidrologi", "sedimentasi", "abrasi", "reklamasi", "fumigasi", "sterilisasi",
        "epidemiologi", "tuberkulosis", "malaria", "rabies", "zoonosis", "kompos", "biopori", "hidroponik", "agrowisata", "ekowisata",
        "kriptografi", "enkripsi", "peretasan", "interoperabilitas", "pseudonimisasi", "biometrik", "telemedisin", "gizi", "sanitasi", "jamban",
        "talud", "gorong-gorong", "trotoar", "jembatan", "bendungan", "situ", "embung", "normalisasi", "revitalisasi", "rehabilitasi",
        "restorasi", "konservasi", "cagar", "prasasti", "museum", "sanggar", "gamelan", "batik", "kuliner", "festival",
        "marching", "paskibraka", "pramuka", "karang", "taruna", "lansia", "disabilitas", "yatim", "piatu", "gelandangan",
        "pengemis", "rumah", "singgah", "rehabilitasi", "narkotika", "psikotropika", "miras", "tawuran", "premanisme", "pungutan",
        "gratifikasi", "korupsi", "whistleblowing", "benturan", "kepentingan", "asesmen", "sertifikat", "hibah", "wakaf", "zakat",
        "infak", "sedekah", "koperasi", "simpan", "pinjam", "inflasi", "deflasi", "komoditas", "cabai", "bawang",
        "beras", "minyak", "goreng", "elpiji", "bahan", "bakar", "angkot", "ojek", "terminal", "halte",
        "parkir", "derek", "tilang", "kemacetan", "banjir", "longsor", "puting", "beliung", "kebakaran", "evakuasi",
        "pengungsian", "logistik", "posko", "relawan", "vaksin", "serum", "ambulans", "puskesmas", "posyandu", "stunting",
        "akta", "kematian", "perkawinan", "perceraian", "adopsi", "kewarganegaraan", "paspor", "domisili", "pindah", "datang",
        "retribusi", "reklame", "baliho", "spanduk", "menara", "telekomunikasi", "serat", "optik", "satelit", "frekuensi",
    ];

    /// <summary>Openings of letter bodies.</summary>
    public static readonly string[] Openings =
    [
        "Sehubungan dengan", "Menindaklanjuti", "Dalam rangka", "Berdasarkan", "Memperhatikan", "Merujuk", "Bersama ini disampaikan bahwa", "Menindaklanjuti surat",
    ];

    /// <summary>Closings of letter bodies.</summary>
    public static readonly string[] Closings =
    [
        "Demikian disampaikan, atas perhatian dan kerja samanya diucapkan terima kasih.",
        "Demikian untuk menjadi perhatian dan dilaksanakan sebagaimana mestinya.",
        "Atas perhatian Saudara diucapkan terima kasih.",
        "Demikian disampaikan untuk dapat dipergunakan sebagaimana mestinya.",
    ];

    /// <summary>First names.</summary>
    public static readonly string[] FirstNames =
    [
        "Agus", "Budi", "Dedi", "Eko", "Fajar", "Hadi", "Indra", "Joko", "Andi", "Bambang",
        "Dimas", "Rudi", "Yusuf", "Ahmad", "Muhammad", "Rizky", "Arif", "Taufik", "Hendra", "Wahyu",
        "Teguh", "Bayu", "Irfan", "Fauzan", "Ilham", "Rahmat", "Sigit", "Slamet", "Yudi", "Heru",
        "Siti", "Dewi", "Sri", "Rina", "Ratna", "Lina", "Nur", "Putri", "Ayu", "Intan",
        "Maya", "Nadia", "Wulan", "Yuliana", "Endang", "Fitri", "Indah", "Kartika", "Melati", "Novi",
        "Puspita", "Rani", "Sari", "Tuti", "Umi", "Yanti", "Dian", "Eka", "Anisa", "Ratih",
    ];

    /// <summary>Last names.</summary>
    public static readonly string[] LastNames =
    [
        "Saputra", "Pratama", "Hidayat", "Nugroho", "Setiawan", "Wibowo", "Santoso", "Gunawan", "Kurniawan", "Susanto",
        "Hakim", "Rahman", "Hasibuan", "Siregar", "Nasution", "Harahap", "Lubis", "Simanjuntak", "Sitorus", "Wijaya",
        "Halim", "Permana", "Firmansyah", "Ramadhan", "Maulana", "Suryani", "Rahmawati", "Lestari", "Wulandari", "Anggraini",
        "Puspitasari", "Handayani", "Kusumawati", "Sulistyowati", "Purnamasari", "Safitri", "Marlina", "Novitasari", "Fitriani", "Hartono",
        "Sutanto", "Prasetyo", "Suharto", "Sudirman", "Syahputra", "Ginting", "Tarigan", "Manurung", "Pohan", "Daulay",
        "Pane", "Tanjung", "Putra", "Utama", "Hermawan", "Iskandar", "Hamzah", "Zulkarnain", "Effendi", "Sinaga",
    ];

    /// <summary>Functional position titles (besides unit heads).</summary>
    public static readonly string[] FunctionalTitles =
    [
        "Analis Kebijakan Ahli Muda", "Analis Kebijakan Ahli Pertama", "Pranata Komputer Ahli Pertama", "Pranata Komputer Terampil",
        "Arsiparis Terampil", "Arsiparis Ahli Pertama", "Pengadministrasi Perkantoran", "Pengelola Keuangan", "Penyusun Program Anggaran dan Pelaporan",
        "Analis Sumber Daya Manusia Aparatur", "Perencana Ahli Muda", "Auditor Ahli Pertama", "Pengolah Data dan Informasi", "Bendahara Pengeluaran",
        "Pengelola Barang Milik Daerah", "Penata Laporan Keuangan", "Pengadministrasi Persuratan", "Verifikator Keuangan", "Pengawas Lapangan",
        "Penyuluh Kesehatan Masyarakat",
    ];

    /// <summary>The other units of the city (codes as in letter numbers, names as in records), besides Diskominfo's real ones.</summary>
    public static readonly (string Code, string Name)[] Units =
    [
        ("DINKES", "Dinas Kesehatan"), ("DINKES-SEKRE", "Sekretariat Dinas Kesehatan"), ("DINKES-YANKES", "Bidang Pelayanan Kesehatan"),
        ("DINKES-P2P", "Bidang Pencegahan dan Pengendalian Penyakit"), ("DISDIK", "Dinas Pendidikan"), ("DISDIK-SEKRE", "Sekretariat Dinas Pendidikan"),
        ("DISDIK-SD", "Bidang Pembinaan Sekolah Dasar"), ("DISDIK-SMP", "Bidang Pembinaan Sekolah Menengah Pertama"),
        ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang"), ("DPUPR-SEKRE", "Sekretariat Dinas Pekerjaan Umum dan Penataan Ruang"),
        ("DPUPR-BM", "Bidang Bina Marga"), ("DPUPR-SDA", "Bidang Sumber Daya Air"), ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
        ("BAPPEDA-SEKRE", "Sekretariat Badan Perencanaan Pembangunan Daerah"), ("BAPPEDA-EKO", "Bidang Perekonomian dan Sumber Daya Alam"),
        ("BKD", "Badan Keuangan Daerah"), ("BKD-SEKRE", "Sekretariat Badan Keuangan Daerah"), ("BKD-ANGGARAN", "Bidang Anggaran"),
        ("BKD-ASET", "Bidang Aset"), ("BAPENDA", "Badan Pendapatan Daerah"), ("BAPENDA-PBB", "Bidang Pajak Bumi dan Bangunan"),
        ("DISHUB", "Dinas Perhubungan"), ("DISHUB-LLAJ", "Bidang Lalu Lintas dan Angkutan Jalan"), ("DLHK", "Dinas Lingkungan Hidup dan Kebersihan"),
        ("DLHK-SAMPAH", "Bidang Pengelolaan Sampah"), ("DINSOS", "Dinas Sosial"), ("DINSOS-LINJAMSOS", "Bidang Perlindungan dan Jaminan Sosial"),
        ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), ("DPMPTSP-PERIZINAN", "Bidang Pelayanan Perizinan"),
        ("SATPOLPP", "Satuan Polisi Pamong Praja"), ("SATPOLPP-TIBUM", "Bidang Ketertiban Umum"), ("DAMKAR", "Dinas Pemadam Kebakaran dan Penyelamatan"),
        ("BPBD", "Badan Penanggulangan Bencana Daerah"), ("DISPERKIM", "Dinas Perumahan dan Permukiman"), ("DKUM", "Dinas Koperasi dan Usaha Mikro"),
        ("DISDAG", "Dinas Perdagangan dan Perindustrian"), ("DKPPP", "Dinas Ketahanan Pangan, Pertanian dan Perikanan"),
        ("DPAPMK", "Dinas Perlindungan Anak, Pemberdayaan Masyarakat dan Keluarga"), ("DISPORYATA", "Dinas Pemuda, Olahraga, Kebudayaan dan Pariwisata"),
        ("DISARPUS", "Dinas Kearsipan dan Perpustakaan"), ("DISARPUS-ARSIP", "Bidang Kearsipan"), ("INSPEKTORAT", "Inspektorat Daerah"),
        ("INSPEKTORAT-IRBAN1", "Inspektur Pembantu Wilayah I"), ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"), ("RSUD", "Rumah Sakit Umum Daerah"),
        ("RSUD-YANMED", "Bidang Pelayanan Medik"), ("SETDA-HUKUM", "Bagian Hukum"), ("SETDA-ORG", "Bagian Organisasi"),
        ("SETDA-PBJ", "Bagian Pengadaan Barang dan Jasa"), ("SETDA-PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan"), ("SETWAN", "Sekretariat DPRD"),
        ("KEC-BEJI", "Kecamatan Beji"), ("KEC-CIMANGGIS", "Kecamatan Cimanggis"), ("KEC-SAWANGAN", "Kecamatan Sawangan"),
        ("KEC-PANMAS", "Kecamatan Pancoran Mas"), ("KEC-SUKMAJAYA", "Kecamatan Sukmajaya"), ("KEC-LIMO", "Kecamatan Limo"), ("KEC-TAPOS", "Kecamatan Tapos"),
        ("KEL-BEJITIMUR", "Kelurahan Beji Timur"), ("KEL-DEPOKJAYA", "Kelurahan Depok Jaya"),
    ];

    /// <summary>Classification codes of the seeded scheme with relative frequencies (routine correspondence dominates).</summary>
    public static readonly (string Code, int Weight)[] Classifications =
    [
        ("000", 4), ("000.1.2", 12), ("000.5", 4), ("000.9", 2), ("100", 3), ("100.1", 2), ("200", 1), ("300", 2), ("400", 3), ("500", 3),
        ("600", 3), ("700", 2), ("700.1", 2), ("800", 3), ("800.1.11", 5), ("800.2", 3), ("900", 4), ("900.1", 5),
    ];
}
