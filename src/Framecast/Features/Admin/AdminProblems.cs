using Framecast.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framecast.Features.Admin;

public static class AdminProblems
{
    public static ProblemHttpResult NoSuchUser() => Problems.NotFound("user.not_found", "No such user");

    public static ProblemHttpResult NoSuchVideo() => Problems.NotFound("video.not_found", "No such video");
}
