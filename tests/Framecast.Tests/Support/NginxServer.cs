using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Framecast.Tests.Support;

/// <summary>
/// A real nginx (Debian's) running the shipped <c>deploy/nginx/framecast.conf</c> in front of a test host: the file is
/// used as it is, with only the lines marked "SET" in it pointed at this run's addresses, folders and certificate.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _prefix;

    private NginxServer(Process process, string prefix, int tlsPort, SelfSignedCertificate certificate)
    {
        _process = process;
        _prefix = prefix;
        TlsAddress = new Uri($"https://127.0.0.1:{tlsPort}");
        Certificate = certificate;
    }

    public Uri TlsAddress { get; }

    public SelfSignedCertificate Certificate { get; }

    /// <summary>Requests nginx spooled to its own disk (none: uploads stream through to Framecast).</summary>
    public int BufferedBodies => Directory.Exists(Path.Combine(_prefix, "client_temp"))
        ? Directory.GetFiles(Path.Combine(_prefix, "client_temp"), "*", SearchOption.AllDirectories).Length
        : 0;

    public static async Task<NginxServer> StartAsync(TestHost framecast)
    {
        var nginx = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx not found: install Debian's 'nginx' package (scripts/test.sh does).");
        var prefix = Path.Combine(Path.GetTempPath(), "framecast-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(prefix);
        var certificate = SelfSignedCertificate.Create(Path.Combine(prefix, "tls"));
        var (httpPort, tlsPort) = (FreePort(), FreePort());
        var shipped = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx", "framecast.conf"));
        var media = Path.Combine(framecast.Database.DataDirectory, "media") + "/";
        var site = Replace(shipped,
            ("server 127.0.0.1:8080;", $"server 127.0.0.1:{framecast.Address.Port};"),
            ("/var/cache/nginx/framecast-access", Path.Combine(prefix, "access-cache")),
            ("listen 80;", $"listen 127.0.0.1:{httpPort};"),
            ("listen [::]:80;", ""),
            ("listen 443 ssl http2;", $"listen 127.0.0.1:{tlsPort} ssl http2;"),
            ("listen [::]:443 ssl http2;", ""),
            ("/etc/ssl/framecast/fullchain.pem", certificate.CertificatePemPath),
            ("/etc/ssl/framecast/privkey.pem", certificate.KeyPemPath),
            ("/var/lib/framecast/media/", media));
        await File.WriteAllTextAsync(Path.Combine(prefix, "framecast.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root root;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_temp;
                proxy_temp_path {{prefix}}/proxy_temp;
                fastcgi_temp_path {{prefix}}/fastcgi_temp;
                uwsgi_temp_path {{prefix}}/uwsgi_temp;
                scgi_temp_path {{prefix}}/scgi_temp;
                include {{prefix}}/framecast.conf;
            }
            """);
        var info = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf") })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        var server = new NginxServer(process, prefix, tlsPort, certificate);
        await server.WaitUntilListeningAsync(tlsPort);
        return server;
    }

    /// <summary>A client that trusts this run's certificate, optionally from another loopback address (127.0.0.2 …).</summary>
    public HttpClient NewClient(string? token = null, IPAddress? from = null, Version? version = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }
        var client = new HttpClient(handler) { BaseAddress = TlsAddress, Timeout = TimeSpan.FromMinutes(2) };
        if (version is not null)
        {
            client.DefaultRequestVersion = version;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
            // A worker may still be closing a temp file; the folder is in /tmp and harmless.
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                var log = File.Exists(Path.Combine(_prefix, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(_prefix, "error.log")) : "";
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()} {log}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static string Replace(string text, params (string From, string To)[] replacements)
    {
        foreach (var (from, to) in replacements)
        {
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx/framecast.conf no longer contains '{from}': update {nameof(NginxServer)}.");
            }
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return text;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
