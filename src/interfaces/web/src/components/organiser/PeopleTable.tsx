import type { OrganiserPage } from "../../../../http/api-types.ts";
import { AgentText } from "../AgentText.tsx";

/** Who has joined, how far their interview is, and whether their agent is in the market. */
export function PeopleTable({ people }: { people: OrganiserPage["people"] }) {
  if (people.length === 0) return <p className="muted">Nobody has accepted an invite yet.</p>;
  return (
    <table className="people">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Interview</th>
          <th scope="col">In the market</th>
          <th scope="col">Agent</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.accountId}>
            <td>
              <AgentText text={person.name} />
            </td>
            <td>
              <span className={`badge interview-${person.interview.replace(" ", "-")}`}>
                {person.interview}
              </span>
            </td>
            <td>{person.joined ? "yes" : "no"}</td>
            <td>{person.paused ? "paused" : "running"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
