-- English names of the catalog's classes, so English pages name them in English:
-- the subclass (name_en), its major class (major_name_en) and what residents see (resident_name_en). Nullable: a class
-- without English shows its Chinese name on English pages. Filing and closing conditions stay Chinese only.
--
-- Existing cities' rows get the national baseline's English where the kind and code match and the city has kept the
-- baseline's Chinese name (a class the city renamed, or one of its own, keeps no English it was never given); the
-- major class likewise by its Chinese name, the resident name where the city kept the baseline's.
ALTER TABLE catalog_class
    ADD COLUMN major_name_en    varchar(50),
    ADD COLUMN name_en          varchar(100),
    ADD COLUMN resident_name_en varchar(100);

CREATE TEMPORARY TABLE catalog_baseline_en (kind, code, major_name, name, major_name_en, name_en, resident_name,
                                            resident_name_en) ON COMMIT DROP AS
VALUES
    ('COMPONENT', '0101', '公用设施', '上水井盖', 'Public utilities', 'Water supply manhole cover', '上水井盖', 'Water supply manhole cover'),
    ('COMPONENT', '0102', '公用设施', '污水井盖', 'Public utilities', 'Sewer manhole cover', '污水井盖', 'Sewer manhole cover'),
    ('COMPONENT', '0103', '公用设施', '雨水井盖', 'Public utilities', 'Storm drain cover', '雨水井盖', 'Storm drain cover'),
    ('COMPONENT', '0104', '公用设施', '电力井盖', 'Public utilities', 'Power manhole cover', '电力井盖', 'Power manhole cover'),
    ('COMPONENT', '0105', '公用设施', '通信井盖', 'Public utilities', 'Telecom manhole cover', '通信井盖', 'Telecom manhole cover'),
    ('COMPONENT', '0106', '公用设施', '消防栓', 'Public utilities', 'Fire hydrant', '消防栓', 'Fire hydrant'),
    ('COMPONENT', '0107', '公用设施', '路灯', 'Public utilities', 'Street light', '路灯', 'Street light'),
    ('COMPONENT', '0108', '公用设施', '地灯', 'Public utilities', 'Ground light', '地灯', 'Ground light'),
    ('COMPONENT', '0201', '道路交通', '停车场', 'Roads and traffic', 'Car park', '停车场', 'Car park'),
    ('COMPONENT', '0202', '道路交通', '公交站亭', 'Roads and traffic', 'Bus shelter', '公交站亭', 'Bus shelter'),
    ('COMPONENT', '0203', '道路交通', '交通标志牌', 'Roads and traffic', 'Traffic sign', '交通标志牌', 'Traffic sign'),
    ('COMPONENT', '0204', '道路交通', '交通信号灯', 'Roads and traffic', 'Traffic light', '交通信号灯', 'Traffic light'),
    ('COMPONENT', '0205', '道路交通', '护栏', 'Roads and traffic', 'Guardrail', '护栏', 'Guardrail'),
    ('COMPONENT', '0206', '道路交通', '路名牌', 'Roads and traffic', 'Street name sign', '路名牌', 'Street name sign'),
    ('COMPONENT', '0207', '道路交通', '人行道板', 'Roads and traffic', 'Paving slab', '人行道板', 'Paving slab'),
    ('COMPONENT', '0301', '市容环境', '公共厕所', 'Cityscape and environment', 'Public toilet', '公共厕所', 'Public toilet'),
    ('COMPONENT', '0302', '市容环境', '垃圾间', 'Cityscape and environment', 'Refuse room', '垃圾间', 'Refuse room'),
    ('COMPONENT', '0303', '市容环境', '果皮箱', 'Cityscape and environment', 'Litter bin', '果皮箱', 'Litter bin'),
    ('COMPONENT', '0304', '市容环境', '广告牌匾', 'Cityscape and environment', 'Billboard or shop sign', '广告牌匾', 'Billboard or shop sign'),
    ('COMPONENT', '0305', '市容环境', '灯箱霓虹灯', 'Cityscape and environment', 'Light box or neon sign', '灯箱霓虹灯', 'Light box or neon sign'),
    ('COMPONENT', '0401', '园林绿化', '古树名木', 'Parks and greenery', 'Ancient or heritage tree', '古树名木', 'Ancient or heritage tree'),
    ('COMPONENT', '0402', '园林绿化', '行道树', 'Parks and greenery', 'Street tree', '行道树', 'Street tree'),
    ('COMPONENT', '0403', '园林绿化', '护树设施', 'Parks and greenery', 'Tree guard', '护树设施', 'Tree guard'),
    ('COMPONENT', '0404', '园林绿化', '绿地', 'Parks and greenery', 'Green space', '绿地', 'Green space'),
    ('COMPONENT', '0405', '园林绿化', '花坛花钵', 'Parks and greenery', 'Flower bed or planter', '花坛花钵', 'Flower bed or planter'),
    ('COMPONENT', '0501', '房屋土地', '宣传栏', 'Buildings and land', 'Notice board', '宣传栏', 'Notice board'),
    ('COMPONENT', '0502', '房屋土地', '售货亭', 'Buildings and land', 'Kiosk', '售货亭', 'Kiosk'),
    ('COMPONENT', '0503', '房屋土地', '岗亭', 'Buildings and land', 'Guard booth', '岗亭', 'Guard booth'),
    ('COMPONENT', '0601', '其他设施', '健身设施', 'Other facilities', 'Fitness equipment', '健身设施', 'Fitness equipment'),
    ('COMPONENT', '0602', '其他设施', '民用水井', 'Other facilities', 'Domestic well', '民用水井', 'Domestic well'),
    ('COMPONENT', '0603', '其他设施', '重大危险源', 'Other facilities', 'Major hazard source', '重大危险源', 'Major hazard source'),
    ('EVENT', '0101', '市容环境', '私搭乱建', 'Cityscape and environment', 'Unauthorised structure', '私搭乱建', 'Unauthorised structure'),
    ('EVENT', '0102', '市容环境', '暴露垃圾', 'Cityscape and environment', 'Exposed rubbish', '暴露垃圾', 'Exposed rubbish'),
    ('EVENT', '0103', '市容环境', '积存垃圾渣土', 'Cityscape and environment', 'Piled-up rubbish and debris', '积存垃圾渣土', 'Piled-up rubbish and debris'),
    ('EVENT', '0104', '市容环境', '道路不洁', 'Cityscape and environment', 'Dirty road', '道路不洁', 'Dirty road'),
    ('EVENT', '0105', '市容环境', '水域不洁', 'Cityscape and environment', 'Dirty waterway', '水域不洁', 'Dirty waterway'),
    ('EVENT', '0106', '市容环境', '绿地脏乱', 'Cityscape and environment', 'Littered green space', '绿地脏乱', 'Littered green space'),
    ('EVENT', '0201', '宣传广告', '非法小广告', 'Publicity and advertising', 'Illegal flyers', '非法小广告', 'Illegal flyers'),
    ('EVENT', '0202', '宣传广告', '违章张贴悬挂广告牌匾', 'Publicity and advertising', 'Unauthorised posters or signs', '违章张贴悬挂广告牌匾', 'Unauthorised posters or signs'),
    ('EVENT', '0203', '宣传广告', '占道广告牌', 'Publicity and advertising', 'Billboard blocking the way', '占道广告牌', 'Billboard blocking the way'),
    ('EVENT', '0301', '施工管理', '施工扰民', 'Construction', 'Construction nuisance', '施工扰民', 'Construction nuisance'),
    ('EVENT', '0302', '施工管理', '工地扬尘', 'Construction', 'Construction site dust', '工地扬尘', 'Construction site dust'),
    ('EVENT', '0303', '施工管理', '道路遗撒', 'Construction', 'Spillage on the road', '道路遗撒', 'Spillage on the road'),
    ('EVENT', '0304', '施工管理', '施工占道', 'Construction', 'Construction blocking the road', '施工占道', 'Construction blocking the road'),
    ('EVENT', '0401', '突发事件', '路面塌陷', 'Emergencies', 'Road collapse', '路面塌陷', 'Road collapse'),
    ('EVENT', '0402', '突发事件', '自来水管破裂', 'Emergencies', 'Burst water pipe', '自来水管破裂', 'Burst water pipe'),
    ('EVENT', '0403', '突发事件', '燃气管道破裂', 'Emergencies', 'Burst gas pipe', '燃气管道破裂', 'Burst gas pipe'),
    ('EVENT', '0404', '突发事件', '道路积水', 'Emergencies', 'Flooded road', '道路积水', 'Flooded road'),
    ('EVENT', '0405', '突发事件', '道路积雪结冰', 'Emergencies', 'Snow or ice on the road', '道路积雪结冰', 'Snow or ice on the road'),
    ('EVENT', '0501', '街面秩序', '无照经营游商', 'Street order', 'Unlicensed street vendor', '无照经营游商', 'Unlicensed street vendor'),
    ('EVENT', '0502', '街面秩序', '占道经营', 'Street order', 'Trading on the road', '占道经营', 'Trading on the road'),
    ('EVENT', '0503', '街面秩序', '店外经营', 'Street order', 'Trading outside the shop', '店外经营', 'Trading outside the shop'),
    ('EVENT', '0504', '街面秩序', '机动车乱停放', 'Street order', 'Badly parked car', '机动车乱停放', 'Badly parked car'),
    ('EVENT', '0505', '街面秩序', '非机动车乱停放', 'Street order', 'Badly parked bicycle or e-bike', '非机动车乱停放', 'Badly parked bicycle or e-bike'),
    ('EVENT', '0506', '街面秩序', '共享单车乱停放', 'Street order', 'Badly parked shared bike', '共享单车乱停放', 'Badly parked shared bike'),
    ('EVENT', '0507', '街面秩序', '流浪乞讨', 'Street order', 'Vagrancy and begging', '流浪乞讨', 'Vagrancy and begging'),
    ('EVENT', '0601', '其他事件', '违法饲养家禽', 'Other events', 'Illegal poultry keeping', '违法饲养家禽', 'Illegal poultry keeping'),
    ('EVENT', '0602', '其他事件', '焚烧垃圾', 'Other events', 'Rubbish burning', '焚烧垃圾', 'Rubbish burning');

-- Every city's rows, each under its own tenant setting: catalog_class forces row-level security on this role too.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT code FROM tenant ORDER BY code LOOP
        PERFORM set_config('gridcity.tenant_id', t.code, true);
        UPDATE catalog_class c
           SET name_en = CASE WHEN c.name = b.name THEN b.name_en ELSE c.name_en END,
               major_name_en = CASE WHEN c.major_name = b.major_name THEN b.major_name_en ELSE c.major_name_en END,
               resident_name_en = CASE WHEN coalesce(c.resident_name, c.name) = b.resident_name
                                       THEN b.resident_name_en ELSE c.resident_name_en END
          FROM catalog_baseline_en b
         WHERE c.tenant_id = t.code AND c.kind = b.kind AND c.code = b.code;
    END LOOP;
    PERFORM set_config('gridcity.tenant_id', '', true);
END
$$;

DROP TABLE catalog_baseline_en;
