using System.Security.Cryptography;
using System.Text;

namespace EOffice.Deploy.Tests;

/// <summary>
/// deploy/backup.sh and deploy/restore.sh against a real PostgreSQL (EOFFICE_TEST_POSTGRES, as
/// ./eoffice test sets it): a schema with a letter and its attachment bytes is dumped, restored
/// into another database, replaced in place, and a damaged dump changes nothing.
/// (deploy/test-backup-restore.sh does the same through the running platform's API.)
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task The_scripts_are_valid_bash_and_executable()
    {
        var problems = new List<string>();
        var scripts = Directory.EnumerateFiles(Repo.Deploy, "*.sh").Concat(Directory.EnumerateFiles(Path.Combine(Repo.Deploy, "postgres"), "*.sh"));
        foreach (var script in scripts)
        {
            var check = await Shell.RunAsync("bash", ["-n", script]);
            if (check.ExitCode != 0)
            {
                problems.Add($"{Path.GetRelativePath(Repo.Root, script)}: {check.Err}");
            }

            var sourcedOnly = Path.GetFileName(script) == "pg-common.sh";
            if (!sourcedOnly && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(script) & UnixFileMode.UserExecute) == 0)
            {
                problems.Add($"{Path.GetRelativePath(Repo.Root, script)} is not executable");
            }
        }

        KubernetesManifestTests.AssertNone(problems);
    }

    [Fact]
    public async Task A_schema_with_a_letter_and_its_attachment_survives_backup_and_restore()
    {
        var env = PostgresEnvironment();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var source = $"deploy_backup_{suffix}";
        var target = $"deploy_restore_{suffix}";
        var output = Directory.CreateTempSubdirectory("eoffice-backup-");
        var letterId = Guid.NewGuid();
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            await Psql(env, "postgres", $"create database {source}");
            await Psql(env, "postgres", $"create database {target}");
            await Psql(env, source, $"""
                create schema correspondence;
                create table correspondence.letters (id uuid primary key, subject text not null);
                create table correspondence.attachments (id uuid primary key, letter_id uuid not null references correspondence.letters (id),
                    sha256 text not null, content bytea not null);
                insert into correspondence.letters values ('{letterId}', 'Undangan rapat koordinasi');
                insert into correspondence.attachments values ('{Guid.NewGuid()}', '{letterId}', '{sha}', decode('{Convert.ToHexString(bytes)}', 'hex'));
                create schema directory;
                create table directory.users (id int primary key);
                """);

            // Back up both schemas (one consistent snapshot), restore only correspondence.
            var backup = await Shell.RunAsync(Path.Combine(Repo.Deploy, "backup.sh"), ["-d", source, "-o", output.FullName, "correspondence", "directory"], env);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            var folder = backup.Out.Trim().Split('\n')[^1];
            Assert.True(File.Exists(Path.Combine(folder, "correspondence.dump")), backup.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "directory.dump")), backup.ToString());
            Assert.Contains("correspondence.dump", await File.ReadAllTextAsync(Path.Combine(folder, "SHA256SUMS")), StringComparison.Ordinal);
            var dump = Path.Combine(folder, "correspondence.dump");

            var restore = await Shell.RunAsync(Path.Combine(Repo.Deploy, "restore.sh"), ["-d", target, "--yes", dump], env);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Equal($"Undangan rapat koordinasi|{sha}|{sha}|{bytes.Length}", await Psql(env, target, $"""
                select l.subject || '|' || a.sha256 || '|' || encode(sha256(a.content), 'hex') || '|' || length(a.content)
                from correspondence.letters l join correspondence.attachments a on a.letter_id = l.id where l.id = '{letterId}'
                """));
            Assert.Equal("0", await Psql(env, target, "select count(*) from pg_namespace where nspname = 'directory'"));

            // Restoring again replaces whatever the schema holds now.
            await Psql(env, target, "delete from correspondence.attachments; create table correspondence.added_later (x int);");
            restore = await Shell.RunAsync(Path.Combine(Repo.Deploy, "restore.sh"), ["-d", target, "--yes", dump], env);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Equal("1|0", await Psql(env, target, """
                select (select count(*) from correspondence.attachments) || '|' ||
                       (select count(*) from pg_tables where schemaname = 'correspondence' and tablename = 'added_later')
                """));

            // A damaged dump is refused and the schema stays as it was.
            var damaged = Path.Combine(output.FullName, "damaged");
            Directory.CreateDirectory(damaged);
            var content = await File.ReadAllBytesAsync(dump);
            await File.WriteAllBytesAsync(Path.Combine(damaged, "correspondence.dump"), content[..(content.Length - 1000)]);
            await Psql(env, target, "insert into correspondence.letters values (gen_random_uuid(), 'marker')");
            restore = await Shell.RunAsync(Path.Combine(Repo.Deploy, "restore.sh"), ["-d", target, "--yes", Path.Combine(damaged, "correspondence.dump")], env);
            Assert.NotEqual(0, restore.ExitCode);
            Assert.Equal("1", await Psql(env, target, "select count(*) from correspondence.letters where subject = 'marker'"));

            // So is one that no longer matches its SHA256SUMS.
            File.Copy(Path.Combine(folder, "SHA256SUMS"), Path.Combine(damaged, "SHA256SUMS"));
            content[^10] ^= 0xff;
            await File.WriteAllBytesAsync(Path.Combine(damaged, "correspondence.dump"), content);
            restore = await Shell.RunAsync(Path.Combine(Repo.Deploy, "restore.sh"), ["-d", target, "--yes", Path.Combine(damaged, "correspondence.dump")], env);
            Assert.NotEqual(0, restore.ExitCode);
            Assert.Contains("SHA256SUMS", restore.Err, StringComparison.Ordinal);
        }
        finally
        {
            await Psql(env, "postgres", $"drop database if exists {source} with (force)", check: false);
            await Psql(env, "postgres", $"drop database if exists {target} with (force)", check: false);
            output.Delete(recursive: true);
        }
    }

    /// <summary>libpq variables from EOFFICE_TEST_POSTGRES (an admin connection string that may create databases).</summary>
    private static Dictionary<string, string> PostgresEnvironment()
    {
        var connection = Environment.GetEnvironmentVariable("EOFFICE_TEST_POSTGRES");
        Assert.False(string.IsNullOrWhiteSpace(connection),
            "EOFFICE_TEST_POSTGRES is not set: run the tests with ./eoffice test, or set it to a connection string that may create databases");
        Assert.True(Shell.Has("pg_dump") && Shell.Has("pg_restore") && Shell.Has("psql"), "pg_dump, pg_restore and psql must be on the PATH (package postgresql-client)");
        var parts = connection!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), p => p[1], StringComparer.Ordinal);
        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PGCONNECT_TIMEOUT"] = "10" };
        foreach (var (key, variable) in new[] { ("HOST", "PGHOST"), ("SERVER", "PGHOST"), ("PORT", "PGPORT"), ("USERNAME", "PGUSER"), ("USERID", "PGUSER"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD") })
        {
            if (parts.TryGetValue(key, out var value))
            {
                env[variable] = value;
            }
        }

        return env;
    }

    private static async Task<string> Psql(Dictionary<string, string> env, string database, string sql, bool check = true)
    {
        var result = await Shell.RunAsync("psql", ["-X", "-qAt", "-v", "ON_ERROR_STOP=1", "-d", database], env,
            new StringBuilder("set client_min_messages = warning;\n").Append(sql).Append(";\n").ToString());
        if (check)
        {
            Assert.True(result.ExitCode == 0, $"psql on {database} failed: {result}");
        }

        return result.Out.Trim();
    }
}
