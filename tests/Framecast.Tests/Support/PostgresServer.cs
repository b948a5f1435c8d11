using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Framecast.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: <c>initdb</c> into a temp folder, <c>pg_ctl</c> on a free
/// loopback port, removed when the test process exits. Each test host gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private const string Prefix = "framecast-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly string _root;

    private PostgresServer(string binDir, string root, int port)
    {
        _binDir = binDir;
        _root = root;
        _dataDir = Path.Combine(root, "data");
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Timeout=30";

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"fc_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var binDir = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH). Install the 'postgresql' package, e.g. run scripts/test.sh.");
        var asRoot = Environment.UserName == "root";
        await StopAbandonedClustersAsync(binDir, asRoot);
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), Environment.ProcessId.ToString());
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the 'postgres' user.
            await RunAsync("chown", ["postgres:postgres", root]);
        }
        var port = FreePort();
        var server = new PostgresServer(binDir, root, port);
        await server.PgAsync("initdb", ["-D", server._dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], asRoot);
        await server.PgAsync("pg_ctl", ["-D", server._dataDir, "-l", Path.Combine(root, "log.txt"), "-w", "-t", "60", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "start"], asRoot);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
        return server;
    }

    /// <summary>A test process that was killed never ran its exit hook: stop and remove the clusters it left.</summary>
    private static async Task StopAbandonedClustersAsync(string binDir, bool asRoot)
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), $"{Prefix}*"))
        {
            var ownerFile = Path.Combine(dir, OwnerFile);
            if (!File.Exists(ownerFile) || !int.TryParse(await File.ReadAllTextAsync(ownerFile), out var pid) || IsAlive(pid))
            {
                continue;
            }
            new PostgresServer(binDir, dir, 0).Stop(asRoot);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Stop(bool asRoot)
    {
        try
        {
            var stop = Start(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], asRoot);
            stop.WaitForExit(30_000);
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort at process exit: a leftover temp folder is harmless.
        }
    }

    private Task PgAsync(string tool, string[] args, bool asRoot) => RunAsync(Path.Combine(_binDir, tool), args, asRoot);

    private static async Task RunAsync(string file, string[] args, bool asRoot = false)
    {
        using var process = Start(file, args, asRoot);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    private static Process Start(string file, string[] args, bool asRoot)
    {
        var info = new ProcessStartInfo(asRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (info.FileName == "runuser")
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                info.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info)!;
    }

    private static string? FindBinDir()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        foreach (var dir in versions.Select(v => Path.Combine(v, "bin")))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "initdb")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
