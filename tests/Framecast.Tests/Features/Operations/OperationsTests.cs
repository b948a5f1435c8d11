using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Operations;

public sealed class OperationsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Health_and_readiness_report_database_and_data_folder(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);

        (await host.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await (await host.Client.GetAsync("/readyz")).ShouldBeJsonAsync();
        ready.GetProperty("status").GetString().Should().Be("healthy");
        ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("healthy");
        ready.GetProperty("checks").GetProperty("data-directory").GetProperty("status").GetString().Should().Be("healthy");
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_is_gone()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api",
            settings: new Dictionary<string, string?> { ["Database:ConnectionString"] = "Data Source=/nonexistent-dir/fc.db;Mode=ReadWrite" },
            migrate: false);

        var response = await host.Client.GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await host.Client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "alive even when not ready");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenApi_document_and_docs_ui_are_served(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);

        var doc = await (await host.Client.GetAsync("/openapi/v1.json")).ShouldBeJsonAsync();
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/users", "/api/v1/sessions", "/api/v1/sessions/current", "/api/v1/me", "/api/v1/videos", "/api/v1/videos/{id}", "/api/v1/users/{username}/videos", "/api/v1/videos/{id}/comments", "/api/v1/comments/{id}" })
        {
            paths.TryGetProperty(path, out _).Should().BeTrue($"the document lists {path}");
        }
        var docs = await host.Client.GetAsync("/docs/index.html");
        docs.StatusCode.Should().Be(HttpStatusCode.OK);
        (await docs.Content.ReadAsStringAsync()).Should().Contain("swagger");
    }

    [Fact]
    public async Task Migrations_run_twice_are_a_no_op()
    {
        await using var host = await TestHost.StartAsync("sqlite", roles: "api");

        var applied = await host.Services.GetRequiredService<Framecast.Infrastructure.Data.DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        applied.Should().BeEmpty();
    }
}
