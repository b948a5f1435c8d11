using System.Net;
using System.Text;
using Framecast.Tests.Support;

namespace Framecast.Tests.Hosting;

public sealed class ErrorHandlingTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_requests_get_problem_json_with_stable_codes(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("err");

        await (await host.Client.GetAsync("/api/v1/no-such-route")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PutAsync("/api/v1/me", null)).ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "request.method_not_allowed");
        using var text = new StringContent("username=x", Encoding.UTF8, "text/plain");
        await (await host.Client.PostAsync("/api/v1/users", text)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        using var notJson = new StringContent("{{{{", Encoding.UTF8, "application/json");
        await (await host.Client.PostAsync("/api/v1/sessions", notJson)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        using var empty = new StringContent("", Encoding.UTF8, "application/json");
        await (await user.Client.PostAsync("/api/v1/users", empty)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_oversized_body_is_413_and_creates_nothing(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var name = $"huge_{Guid.NewGuid():N}"[..16];
        var body = $"{{\"username\":\"{name}\",\"password\":\"{new string('p', 2 * 1024 * 1024)}\"}}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        var response = await host.NewClient().PostAsync("/api/v1/users", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request.too_large");
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<Framecast.Features.Accounts.UserDirectory>().FindIdAsync(name, CancellationToken.None))
            .Should().BeNull();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unhandled_exception_is_a_bare_500_with_a_trace_id(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api",
            endpoints: app => app.MapGet("/test/explode", string () => throw new InvalidOperationException("secret connection string Password=hunter2")));

        var response = await host.Client.GetAsync("/test/explode");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal");
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        var text = problem.GetRawText();
        text.Should().NotContain("hunter2").And.NotContain("InvalidOperationException").And.NotContain("at Framecast");
    }
}
