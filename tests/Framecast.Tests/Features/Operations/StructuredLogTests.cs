using System.Net.Http.Headers;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Operations;

/// <summary>
/// A real <c>framecast serve</c> with its output redirected writes JSON lines, and a line written while a request is
/// handled carries that request's trace and span ids (W3C <c>traceparent</c> honoured), but none of its credentials.
/// </summary>
public sealed class StructuredLogTests
{
    [Fact]
    public async Task A_request_s_log_lines_are_json_with_its_trace_id_and_span_id_and_no_credentials()
    {
        var database = await TestDatabase.CreateAsync("sqlite");
        var port = CliRunner.FreePort();
        // The framework's request lines are logged at Information: this test turns them on to have a line per request.
        var server = await ServeProcess.StartAsync(port, CliRunner.Environment(database), "--roles", "api",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        try
        {
            var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/videos");
            request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "secret-session-token-for-the-log-test");
            (await client.SendAsync(request)).EnsureSuccessStatusCode();

            JsonElement? line = null;
            await Eventually.TrueAsync(() => Task.FromResult((line = LinesOf(server.Output).FirstOrDefault(l => TraceIdOf(l) == traceId)) is not null),
                "a log line of the request carries its trace id");
            var scope = line!.Value.GetProperty("Scopes").EnumerateArray().First(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _));
            scope.GetProperty("SpanId").GetString().Should().MatchRegex("^[0-9a-f]{16}$").And.NotBe("00f067aa0ba902b7", "the server's span is a child of the caller's");
            server.Output.Should().NotContain("secret-session-token-for-the-log-test");
        }
        finally
        {
            await server.StopAsync();
        }
    }

    private static IEnumerable<JsonElement> LinesOf(string output)
    {
        foreach (var text in output.Split('\n').Where(l => l.StartsWith('{')))
        {
            JsonElement line;
            try
            {
                line = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }
            yield return line;
        }
    }

    private static string? TraceIdOf(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
                .Select(s => s.GetProperty("TraceId").GetString()).FirstOrDefault()
            : null;
}
