import type { MyPage } from "../../../../http/api-types.ts";
import { AgentText } from "../AgentText.tsx";
import { Money } from "../Money.tsx";

/** My mandate with its secrets: shown on my page only, to me only. */
export function MandateCard({ page }: { page: MyPage }) {
  const mandate = page.mandate;
  if (!mandate) return null;
  return (
    <section className="card mandate" aria-label="My mandate">
      <h2>My mandate</h2>
      <p className="muted">Only you see these limits. Your agent never goes past them.</p>
      <dl className="figures">
        <div>
          <dt>Budget</dt>
          <dd>
            <Money cents={mandate.budget} />
          </dd>
        </div>
        <div>
          <dt>Spent</dt>
          <dd>
            <Money cents={page.spent} />
          </dd>
        </div>
        <div>
          <dt>Earned</dt>
          <dd>
            <Money cents={page.earned} />
          </dd>
        </div>
        {page.available !== undefined && (
          <div>
            <dt>Left to spend</dt>
            <dd>
              <Money cents={page.available} />
            </dd>
          </div>
        )}
      </dl>
      {mandate.items.length > 0 && (
        <table>
          <caption>Selling</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Condition</th>
              <th scope="col">Asking</th>
              <th scope="col">Least I'd accept</th>
            </tr>
          </thead>
          <tbody>
            {mandate.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <AgentText text={item.title} />
                </td>
                <td>{item.condition}</td>
                <td>
                  <Money cents={item.askingPrice} />
                </td>
                <td>
                  <Money cents={item.reserve} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mandate.wants.length > 0 && (
        <table>
          <caption>Buying</caption>
          <thead>
            <tr>
              <th scope="col">Looking for</th>
              <th scope="col">Most I'd pay</th>
            </tr>
          </thead>
          <tbody>
            {mandate.wants.map((want) => (
              <tr key={want.id}>
                <td>
                  <AgentText text={want.description} />
                </td>
                <td>
                  <Money cents={want.maxPrice} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mandate.persona && (
        <p>
          <strong>Persona:</strong> <AgentText className="text" text={mandate.persona} />
        </p>
      )}
      {mandate.instructions && (
        <p>
          <strong>Instructions:</strong> <AgentText className="text" text={mandate.instructions} />
        </p>
      )}
    </section>
  );
}
