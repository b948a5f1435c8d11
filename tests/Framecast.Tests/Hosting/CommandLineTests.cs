using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Hosting;

public sealed class CommandLineTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Users_create_admin_then_log_in_as_that_admin(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var env = CliRunner.Environment(database);
        var name = $"Boss_{Guid.NewGuid():N}"[..16];

        var migrate = await CliRunner.RunAsync(["migrate"], environment: env);
        migrate.ExitCode.Should().Be(0, migrate.Stderr);
        var created = await CliRunner.RunAsync(["users", "create", name, "--password-stdin", "--admin"], TestUser.Password + "\n", env);
        created.ExitCode.Should().Be(0, created.Stderr);
        created.Stdout.Should().Contain(name.ToLowerInvariant());
        var again = await CliRunner.RunAsync(["users", "create", name.ToLowerInvariant(), "--password-stdin"], TestUser.Password + "\n", env);
        again.ExitCode.Should().Be(1);
        again.Stderr.Should().Contain("already taken");

        await using var host = await TestHost.StartAsync(provider, database, roles: "api");
        var login = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = name, password = TestUser.Password });
        var token = (await login.ShouldBeJsonAsync()).GetProperty("token").GetString();
        var me = await (await host.NewClient(token).GetAsync("/api/v1/me")).ShouldBeJsonAsync();
        me.GetProperty("isAdmin").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Users_create_rejects_a_short_password()
    {
        var database = await TestDatabase.CreateAsync("sqlite");

        var result = await CliRunner.RunAsync(["users", "create", "someone", "--password-stdin"], "short\n", CliRunner.Environment(database));

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("password");
    }

    [Theory]
    [InlineData("FRAMECAST__DATABASE__PROVIDER", "mysql", "Database:Provider")]
    [InlineData("FRAMECAST__FRAMECAST__ROLES", "api,teleport", "Framecast:Roles")]
    [InlineData("FRAMECAST__JOBS__MAXCONCURRENCY", "0", "MaxConcurrency")]
    [InlineData("FRAMECAST__HOSTING__DRAINTIMEOUT", "00:01:00", "Hosting:DrainTimeout")]
    public async Task A_bad_setting_stops_start_up_naming_the_setting(string variable, string value, string named)
    {
        var data = Path.Combine(Path.GetTempPath(), "framecast-tests", Guid.NewGuid().ToString("N"));

        var result = await CliRunner.RunAsync(["serve", "--data", data, "--urls", "http://127.0.0.1:0"],
            environment: new Dictionary<string, string?> { [variable] = value });

        result.ExitCode.Should().Be(2, result.Stdout + result.Stderr);
        result.Stderr.Should().Contain(named);
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_refused()
    {
        var result = await CliRunner.RunAsync(["migrate"], environment: new Dictionary<string, string?> { ["FRAMECAST__DATABASE__PROVIDER"] = "postgres" });

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("Database:ConnectionString");
    }

    [Fact]
    public async Task Serve_listens_where_told_and_answers_health()
    {
        var data = Path.Combine(Path.GetTempPath(), "framecast-tests", Guid.NewGuid().ToString("N"));
        var port = CliRunner.FreePort();
        using var serve = CliRunner.Start(["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", "--roles", "api"]);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            HttpResponseMessage? ready = null;
            while (ready is null)
            {
                try
                {
                    ready = await client.GetAsync("/readyz", timeout.Token);
                }
                catch (HttpRequestException)
                {
                    if (serve.HasExited)
                    {
                        throw new InvalidOperationException($"serve exited: {await serve.StandardError.ReadToEndAsync()}");
                    }
                    await Task.Delay(200, timeout.Token);
                }
            }
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
            File.Exists(Path.Combine(data, "framecast.db")).Should().BeTrue("SQLite lives in the data folder by default");
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }
}
