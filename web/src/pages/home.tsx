import { get } from '../api';
import { formatNumber, t } from '../i18n';
import { navigationFor, user } from '../session';
import { PageTitle, useLoad } from '../components';

interface Counts {
  needs?: number;
  offers?: number;
  queue?: number;
}

export function HomePage() {
  const me = user.value!;
  const [counts] = useLoad<Counts>(async () => {
    const result: Counts = {};
    if (me.role === 'admin') return result;
    const count = (path: string) => get<{ count: number }>(path).then((c) => c.count).catch(() => undefined);
    result.needs = await count('/api/v1/needs/count');
    if (['back_office', 'donor', 'ua_authority'].includes(me.role)) result.offers = await count('/api/v1/offers/count');
    if (me.role === 'back_office') result.queue = await count('/api/v1/needs/count?status=submitted');
    return result;
  }, [me.id]);
  return (
    <section>
      <PageTitle k="homeTitle" />
      <p class="intro">{t(`homeIntro_${me.role}`)}</p>
      {counts && (
        <dl class="tiles">
          {counts.needs !== undefined && (
            <div>
              <dt>{t('visibleNeeds')}</dt>
              <dd>{formatNumber(counts.needs)}</dd>
            </div>
          )}
          {counts.queue !== undefined && (
            <div>
              <dt>{t('awaitingValidation')}</dt>
              <dd>{formatNumber(counts.queue)}</dd>
            </div>
          )}
          {counts.offers !== undefined && (
            <div>
              <dt>{t('visibleOffers')}</dt>
              <dd>{formatNumber(counts.offers)}</dd>
            </div>
          )}
        </dl>
      )}
      <ul class="quick">
        {navigationFor(me.role)
          .filter((item) => item.href !== '/')
          .map((item) => (
            <li key={item.href}>
              <a class="button" href={item.href}>
                {t(item.key)}
              </a>
            </li>
          ))}
      </ul>
    </section>
  );
}
