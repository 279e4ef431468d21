import type { CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from "botbuilder";

type Logic = (context: TurnContext) => Promise<void>;

// botbuilder runs proactive logic through the adapter's middleware, where the onTurnError that
// teams-ai's Application.error installs would swallow a failed send. These rethrow it, so the
// outbox sees the 429 or 403 and an announcement copy that is gone is recognised.

/** continueConversationAsync that fails when the logic fails. */
export async function continueConversation(adapter: CloudAdapter, botAppId: string, reference: Partial<ConversationReference>, logic: Logic): Promise<void> {
  const run = rethrowing(logic);
  await adapter.continueConversationAsync(botAppId, reference, run.logic);
  run.rethrow();
}

/** createConversationAsync that fails when the logic fails. */
export async function createConversation(
  adapter: CloudAdapter,
  botAppId: string,
  serviceUrl: string,
  parameters: ConversationParameters,
  logic: Logic,
): Promise<void> {
  const run = rethrowing(logic);
  await adapter.createConversationAsync(botAppId, "msteams", serviceUrl, "", parameters, run.logic);
  run.rethrow();
}

function rethrowing(logic: Logic): { logic: Logic; rethrow(): void } {
  let failure: { error: unknown } | undefined;
  return {
    logic: async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    },
    rethrow() {
      if (failure) throw failure.error;
    },
  };
}
