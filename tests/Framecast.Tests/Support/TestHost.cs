using System.Net.Http.Headers;
using System.Net.Http.Json;
using Framecast.Hosting;
using Framecast.Infrastructure.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Framecast.Tests.Support;

/// <summary>
/// A real Framecast (the same <see cref="FramecastApp.Build"/> as <c>serve</c>) on Kestrel at a free loopback port,
/// with its own data folder and its own database on the chosen provider.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, TestDatabase database, Uri address)
    {
        _app = app;
        Database = database;
        Address = address;
        Client = NewClient();
    }

    public TestDatabase Database { get; }
    public Uri Address { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host on a fresh database (or <paramref name="database"/>, to share one between hosts or across a restart).</summary>
    public static async Task<TestHost> StartAsync(
        string provider,
        TestDatabase? database = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? endpoints = null,
        string roles = "all",
        bool migrate = true)
    {
        database ??= await TestDatabase.CreateAsync(provider);
        var overrides = new Dictionary<string, string?>(database.Settings)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Framecast:Roles"] = roles,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Error",
            ["Jobs:PollInterval"] = "00:00:02",
            ["Jobs:RetryBaseDelay"] = "00:00:00.100",
            ["Jobs:LeaseDuration"] = "00:00:05",
            ["Live:RtmpListen"] = "127.0.0.1:0",
            // A stopped test host hands its running jobs back at once; GracefulShutdownTests give them time.
            ["Hosting:DrainTimeout"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        var app = FramecastApp.Build([], overrides, services);
        endpoints?.Invoke(app);
        if (migrate)
        {
            await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, database, new Uri(address));
    }

    public HttpClient NewClient(string? token = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>Registers a fresh user with a unique name and returns a client authenticated as them.</summary>
    public async Task<TestUser> RegisterAsync(string prefix = "user")
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)];
        var response = await Client.PostAsJsonAsync("/api/v1/users", new { username, password = TestUser.Password });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<RegisterBody>())!;
        return new TestUser(body.Id, body.Username, body.Token, NewClient(body.Token));
    }

    /// <summary>Creates an admin through the service layer, as <c>framecast users create --admin</c> does.</summary>
    public async Task<TestUser> CreateAdminAsync()
    {
        var username = $"admin_{Guid.NewGuid():N}"[..20];
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Framecast.Features.Accounts.AccountsService>()
                .CreateUserAsync(username, TestUser.Password, isAdmin: true, CancellationToken.None);
        }
        var login = await Client.PostAsJsonAsync("/api/v1/sessions", new { username, password = TestUser.Password });
        login.EnsureSuccessStatusCode();
        var body = (await login.Content.ReadFromJsonAsync<LoginBody>())!;
        return new TestUser(body.User.Id, body.User.Username, body.Token, NewClient(body.Token));
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record RegisterBody(string Id, string Username, string Token);

    private sealed record LoginBody(string Token, UserBody User);

    private sealed record UserBody(string Id, string Username);
}
