using EOffice.ServiceDefaults.Http;

namespace EOffice.Disposition.Instructions;

/// <summary><c>/api/disposition-instructions</c>: the instructions, a reference list (read by everyone signed in, kept by admins).</summary>
public static class InstructionEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void MapInstructionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapReferenceList<InstructionStore, InstructionView, InstructionRequest>(
            "/api/disposition-instructions", "Instructions", "a disposition instruction", "disposition instructions (petunjuk)");
}
