import type { RelatedResource } from '../../../core/answer/types';

/** Help lines and services for this cancer type, from the built-in pack (no links: Cairn stays offline). */
export function RelatedResources({ resources }: { resources: readonly RelatedResource[] }) {
  return (
    <section className="answer-part related-resources">
      <h3>Related resources</h3>
      <ul>
        {resources.map((resource) => (
          <li key={resource.name}>
            <strong>{resource.name}</strong>: {resource.description} <span className="resource-contact">{resource.contact}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
