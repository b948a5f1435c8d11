using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Infrastructure.Http;

/// <summary>problem+json results that always carry a stable machine <c>code</c> (API.md conventions).</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string code, string title) => Create(StatusCodes.Status404NotFound, code, title);

    /// <summary>A <c>cursor</c> that no page of this list gave out.</summary>
    public static ProblemHttpResult InvalidCursor() =>
        Create(StatusCodes.Status400BadRequest, "cursor.invalid", "Invalid cursor", "Pass back the nextCursor of a previous page unchanged.");

    public static ProblemHttpResult Unauthorized() =>
        Create(StatusCodes.Status401Unauthorized, "auth.required", "Authentication required", "Log in and send the session token.");

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, "auth.forbidden", "Forbidden", detail);

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid",
            extensions: new Dictionary<string, object?> { ["code"] = "validation.failed" });

    public static ValidationProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });
}
