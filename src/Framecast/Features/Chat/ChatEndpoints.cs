using System.Security.Claims;
using Framecast.Features.Accounts;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Chat;

/// <summary>A broadcast's chat by REST, for clients without WebSockets (the hub sends the same events).</summary>
public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Chat");
        api.MapGet("/chat/palette", GetPalette);
        api.MapGet("/live/{sessionId}/messages", ListMessages);
        api.MapPost("/live/{sessionId}/messages", SendMessage).RequireAuthorization();
        api.MapDelete("/messages/{id}", DeleteMessage).RequireAuthorization();
        return app;
    }

    private static Ok<ChatPaletteResponse> GetPalette() => TypedResults.Ok(new ChatPaletteResponse(ChatStyle.Palette, ChatStyle.Modes, ChatStyle.Sizes, ChatStyle.MaxLength));

    private static async Task<Results<Ok<Page<MessageEvent>>, ValidationProblem, ProblemHttpResult>> ListMessages(string sessionId, int? limit, string? cursor,
        ChatService chat, CancellationToken cancellationToken)
    {
        if (!PageCursor.TryDecode(cursor, out var before))
        {
            return Problems.InvalidCursor();
        }
        var session = await chat.FindSessionAsync(sessionId, cancellationToken);
        return session is null
            ? Problems.NotFound("live.not_found", "No such broadcast")
            : TypedResults.Ok(await chat.RecentAsync(session, before, limit is null ? ChatService.DefaultLimit : PageCursor.ClampLimit(limit), cancellationToken));
    }

    private static async Task<Results<Created<MessageEvent>, ValidationProblem, ProblemHttpResult>> SendMessage(string sessionId, SendMessageRequest request,
        ClaimsPrincipal user, ChatService chat, HttpContext http, CancellationToken cancellationToken)
    {
        var (_, _, _, _, errors) = ChatStyle.Validate(request.Text, request.Mode, request.Color, null);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var (message, refusal) = await chat.SendAsync(sessionId, Viewer.From(user), request, cancellationToken);
        return refusal is not null ? refusal.ToProblem(http) : TypedResults.Created($"/api/v1/live/{sessionId}/messages", message);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteMessage(string id, ClaimsPrincipal user, ChatService chat, CancellationToken cancellationToken) =>
        await chat.DeleteAsync(id, Viewer.From(user), cancellationToken) switch
        {
            AccessOutcome.Done => TypedResults.NoContent(),
            AccessOutcome.Forbidden => Problems.Forbidden("Only the author, the channel's owner or moderators, or an admin can delete this message."),
            _ => Problems.NotFound("message.not_found", "Message not found"),
        };
}
