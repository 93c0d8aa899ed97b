using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace EOffice.ServiceDefaults.Http;

/// <summary>
/// Declares in the OpenAPI document the problem details (RFC 9457, <c>application/problem+json</c>) that
/// <see cref="ProblemException"/>, <see cref="FieldErrors"/> and the exception handler answer with, once per
/// route group, so clients see the errors an endpoint may give beside its success.
/// </summary>
public static class OpenApiProblems
{
    /// <summary>What a signed-in API answers besides success: 400 (field errors), 401, 403, 404, 409.</summary>
    public static readonly IReadOnlyList<int> Standard =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status409Conflict,
    ];

    private static readonly string[] ProblemJson = ["application/problem+json"];

    /// <summary>
    /// Declares problem responses on a group or endpoint: <paramref name="statuses"/>, or <see cref="Standard"/> when none
    /// are given. 400 is declared as a validation problem (its <c>errors</c> name the fields at fault).
    /// </summary>
    public static TBuilder WithProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses.Length == 0 ? Standard : statuses)
        {
            var type = status == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, type, ProblemJson));
        }

        return builder;
    }
}
