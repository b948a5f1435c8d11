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
        var length = 2 * 1024 * 1024;

        // The server refuses from the declared length alone, before reading the body, and closes. A client still
        // sending then sees a broken pipe (or a reset) instead of the answer, so send only the head: nothing of
        // ours is left unread, and the 413 arrives whatever the timing.
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(host.Address.Host, host.Address.Port);
        await using var stream = new System.Net.Sockets.NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"));
        var response = await new RawResponseReader(stream).ReadAsync(head: false);

        response.Status.Should().Be(413);
        System.Text.Json.JsonDocument.Parse(response.Body).RootElement.GetProperty("code").GetString().Should().Be("request.too_large");
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
